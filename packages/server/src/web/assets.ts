import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo's packages folder, found from this file whether it runs from source or from the bundle. */
function packagesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'server', 'package.json')) && existsSync(join(dir, 'widget', 'package.json'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('Cannot find the packages folder next to the server');
}

const root = packagesDir();

/** Built bundles of the widget and the console (scripts/build.mjs writes them). */
export const assetDirs = {
  widget: join(root, 'widget', 'dist'),
  console: join(root, 'console', 'dist'),
};

export function assetsBuilt(): { widget: boolean; console: boolean } {
  return { widget: existsSync(join(assetDirs.widget, 'loader.js')), console: existsSync(join(assetDirs.console, 'index.html')) };
}
