// Builds the widget: the loader websites embed (dist/loader.js) and its SDK's types (dist/widget.d.ts), the chat app (dist/app.js, dist/app.css), the article view and the rich-message renderer it loads on demand (dist/article.js, dist/rich.js), the proactive triggers' script (dist/triggers.js)
// and each locale but English as its own file (dist/locales/<code>.json), fetched only by the visitors who need it.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const common = { bundle: true, minify: true, format: 'iife', target: ['es2020'], legalComments: 'none', logLevel: 'warning', absWorkingDir: here };

async function locales() {
  const out = await build({
    entryPoints: ['src/i18n/index.ts'],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'warning',
    absWorkingDir: here,
  });
  const { CATALOGS } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  await mkdir(`${here}dist/locales`, { recursive: true });
  await Promise.all(
    Object.entries(CATALOGS)
      .filter(([lang]) => lang !== 'en')
      .map(([lang, catalog]) => writeFile(`${here}dist/locales/${lang}.json`, JSON.stringify(catalog))),
  );
}

await Promise.all([
  // The loader is one function of its own: no "use strict" prologue (13 bytes of the 2 KB budget).
  build({ ...common, entryPoints: ['src/loader.ts'], outfile: 'dist/loader.js', tsconfigRaw: { compilerOptions: { alwaysStrict: false } } }),
  build({ ...common, entryPoints: ['src/app/main.ts'], outfile: 'dist/app.js', sourcemap: 'linked' }),
  // An article read in the widget: fetched the first time a visitor opens one, not part of the first open.
  build({ ...common, entryPoints: ['src/app/article-view.ts'], outfile: 'dist/article.js' }),
  // Proactive triggers: imported (a module: it finds its origin in import.meta.url) by the loader only on pages of inboxes that have some.
  build({ ...common, entryPoints: ['src/triggers/main.ts'], outfile: 'dist/triggers.js', format: 'esm' }),
  // Rich messages (product cards, carousels, comparisons, quick replies): fetched the first time a conversation shows one.
  build({ ...common, entryPoints: ['src/app/rich-view.ts'], outfile: 'dist/rich.js' }),
  build({ ...common, entryPoints: ['src/app/app.css'], outfile: 'dist/app.css', format: undefined }),
  locales(),
  // The SDK's types for websites written in TypeScript (served as /widget.d.ts).
  mkdir(`${here}dist`, { recursive: true }).then(() => copyFile(`${here}sdk.d.ts`, `${here}dist/widget.d.ts`)),
]);
