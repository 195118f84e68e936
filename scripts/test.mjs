// `npm test`: format and lint, type-check, build, unit and integration tests (SQLite; PostgreSQL and Redis when
// reachable, required with SWITCHBOARD_TEST_REQUIRE_SERVICES=1), then the browser tests in Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const extra = process.argv.slice(2);

function run(title, cmd, args, env = {}) {
  const t = Date.now();
  console.log(`\n=== ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n=== ${title}: FAILED`);
    process.exit(r.status ?? 1);
  }
  console.log(`=== ${title}: ok (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}

function chromiumInstalled() {
  return ['/usr/lib/chromium/chromium', '/usr/bin/chromium', process.env.CHROMIUM_PATH].some((p) => p && existsSync(p));
}

function ensureChromium() {
  if (chromiumInstalled()) return;
  console.log("\n=== Chromium is missing: installing Debian's package (about a minute)");
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['apt-get', 'update', '-qq'],
    ['apt-get', 'install', '-y', '-qq', 'chromium'],
  ]) {
    const [cmd, ...rest] = [...sudo, ...args];
    const r = spawnSync(cmd, rest, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error('Could not install Chromium; install it (apt-get install chromium) or set CHROMIUM_PATH.');
      process.exit(1);
    }
  }
}

const npx = (args) => ['npx', ['--no-install', ...args]];
run('format and lint (Biome)', ...npx(['biome', 'ci', '.']));
run('type-check', ...npx(['tsc', '-p', 'tsconfig.json', '--noEmit']));
run('build', process.execPath, ['scripts/build.mjs']);
run('unit and integration tests', ...npx(['vitest', 'run', '--project', 'unit', ...extra]));
if (process.env.SWITCHBOARD_SKIP_E2E === '1') {
  console.log('\n=== browser tests skipped (SWITCHBOARD_SKIP_E2E=1)');
} else {
  ensureChromium();
  run('browser end-to-end tests (Chromium)', ...npx(['vitest', 'run', '--project', 'e2e', ...extra]));
}
console.log('\nAll tests passed.');
