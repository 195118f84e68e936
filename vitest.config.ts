import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (type-level logic, storage and pub/sub contracts,
 * in-process servers) and `e2e` (real Chromium against real servers). The
 * storage and pub/sub suites add PostgreSQL and Redis when they are reachable,
 * and require them when SWITCHBOARD_TEST_REQUIRE_SERVICES=1 (CI).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.e2e.test.ts', '**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts', 'packages/*/test/**/*.e2e.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: false,
          // A loaded machine can take more than the default second to show a change: wait for it, fail after 10 s.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
