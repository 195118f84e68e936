// Bundles the server to dist/main.js: our workspace packages inline, npm dependencies left to node_modules.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

const options = {
  absWorkingDir: here,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [
    {
      name: 'external-npm',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@switchboard/') ? undefined : { path: args.path, external: true }));
      },
    },
  ],
};

await build({ ...options, entryPoints: ['src/main.ts'], outfile: 'dist/main.js' });
// Intent training runs in a worker thread beside main.js (src/intent/train-off-thread.ts).
await build({ ...options, entryPoints: ['src/intent/train-worker.ts'], outfile: 'dist/intent-train-worker.js' });
