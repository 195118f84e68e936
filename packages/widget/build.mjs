// Builds the widget: the loader websites embed (dist/loader.js) and the chat app (dist/app.js, dist/app.css).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const common = { bundle: true, minify: true, format: 'iife', target: ['es2020'], legalComments: 'none', logLevel: 'warning', absWorkingDir: here };

await Promise.all([
  build({ ...common, entryPoints: ['src/loader.ts'], outfile: 'dist/loader.js' }),
  build({ ...common, entryPoints: ['src/app/main.ts'], outfile: 'dist/app.js', sourcemap: 'linked' }),
  build({ ...common, entryPoints: ['src/app/app.css'], outfile: 'dist/app.css', format: undefined }),
]);
