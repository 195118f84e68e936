import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Built bundles of the widget and the console (scripts/build.mjs writes them). */
const packagesDir = fileURLToPath(new URL('../../../', import.meta.url));

export const assetDirs = {
  widget: `${packagesDir}widget/dist`,
  console: `${packagesDir}console/dist`,
};

export function assetsBuilt(): { widget: boolean; console: boolean } {
  return { widget: existsSync(`${assetDirs.widget}/loader.js`), console: existsSync(`${assetDirs.console}/index.html`) };
}
