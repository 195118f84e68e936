// Builds everything `npm start` serves: the widget, the console and the server bundle.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const steps = ['packages/widget/build.mjs', 'packages/console/build.mjs', 'packages/server/build.mjs'];
const started = Date.now();
for (const step of steps) {
  if (!existsSync(`${root}/${step}`)) {
    console.error(`build: ${step} is missing`);
    process.exit(1);
  }
  const r = spawnSync(process.execPath, [step], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`build: ${step} failed`);
    process.exit(r.status ?? 1);
  }
}
console.log(`build: widget, console and server built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
