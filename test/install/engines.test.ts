/**
 * `npm install` on Node 20 prints no EBADENGINE warning from the project's own
 * dependency tree: every package the lock file installs supports Node 20.
 */
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { expect, it } from 'vitest';

const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean }>;
};
const root = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { engines: { node: string } };

it('installs only packages that support every Node version the project supports', () => {
  const lowest = semver.minVersion(root.engines.node)?.version ?? '20.19.0';
  const unsupported = Object.entries(lock.packages)
    .filter(([path, p]) => path !== '' && p.engines && !Array.isArray(p.engines) && p.engines.node)
    .filter(
      ([, p]) => !semver.satisfies(lowest, (p.engines as { node: string }).node) || !semver.satisfies(process.version, (p.engines as { node: string }).node),
    )
    .map(([path, p]) => `${path}@${p.version} wants node ${(p.engines as { node: string }).node}`);
  expect(unsupported).toEqual([]);
});
