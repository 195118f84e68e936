// Builds the operator console into dist/: app.js (+ map), app.css, index.html.
// Works from any cwd: `node packages/console/build.mjs` (add --watch to rebuild on change).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const watch = process.argv.includes('--watch');

const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Switchboard</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='8' fill='%231f6feb'/%3E%3Ctext x='16' y='22' font-family='system-ui,sans-serif' font-size='18' font-weight='700' fill='white' text-anchor='middle'%3ES%3C/text%3E%3C/svg%3E">
<link rel="stylesheet" href="/console/app.css">
<script src="/console/app.js" defer></script>
</head>
<body>
<div id="app"></div>
</body>
</html>
`;

/** @type {import('esbuild').BuildOptions} */
const options = {
  absWorkingDir: root,
  // One name, two outputs: app.js and app.css.
  entryPoints: [
    { in: join(root, 'src/main.tsx'), out: 'app' },
    { in: join(root, 'src/app.css'), out: 'app' },
  ],
  outdir: dist,
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'iife',
  target: 'es2020',
  platform: 'browser',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
};

async function writeHtml() {
  await mkdir(dist, { recursive: true });
  await writeFile(join(dist, 'index.html'), html);
}

try {
  await writeHtml();
  if (watch) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
    console.log('console: watching for changes');
  } else {
    await esbuild.build(options);
  }
} catch (err) {
  console.error('console build failed:', err instanceof Error ? err.message : err);
  process.exit(1);
}
