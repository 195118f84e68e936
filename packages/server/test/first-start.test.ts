/** Several nodes starting together on one empty database make exactly one first workspace (and, in the demo, its articles once). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { spawnServer } from '../../../test/support/process.js';
import { createApp, ensureFirstWorkspace, loadConfig } from '../src/index.js';
import { createPgSchema, hasPostgres, PG_URL } from '../../../test/support/services.js';

async function race(env: Record<string, string>) {
  const apps = await Promise.all(
    [1, 2, 3].map(() =>
      createApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SWITCHBOARD_ADMIN_PASSWORD: 'first-start-password', ...env }) }),
    ),
  );
  try {
    const results = await Promise.all(apps.map((a) => ensureFirstWorkspace(a.ctx)));
    const workspaces = await apps[0]!.ctx.db.selectFrom('workspaces').select('id').execute();
    const operators = await apps[0]!.ctx.db.selectFrom('operators').select('id').execute();
    return { created: results.filter((r) => r !== null).length, workspaces: workspaces.length, operators: operators.length };
  } finally {
    for (const a of apps) await a.close();
  }
}

describe('first start', () => {
  it('makes one workspace when three processes start together on one SQLite file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-first-'));
    const env = { DATA_DIR: dir, SWITCHBOARD_ADMIN_PASSWORD: 'first-start-password' };
    const nodes = await Promise.all([1, 2, 3].map(() => spawnServer(env)));
    try {
      const announced = nodes.filter((n) => n.output().includes('First start')).length;
      const db = new SQLite(join(dir, 'switchboard.db'), { readonly: true });
      const count = (t: string) => (db.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;
      expect({ announced, workspaces: count('workspaces'), operators: count('operators') }).toEqual({ announced: 1, workspaces: 1, operators: 1 });
      // The demo (on by default) publishes its help centre's articles once, from the node that made the workspace.
      expect(
        (db.prepare(`select state, count(*) as n from articles group by state`).all() as { state: string; n: number }[]).map((r) => [r.state, r.n]),
      ).toEqual([['published', 3]]);
      db.close();
    } finally {
      await Promise.all(nodes.map((n) => n.kill()));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(hasPostgres)('makes one workspace when three nodes share one PostgreSQL', async () => {
    const { schema, drop } = await createPgSchema();
    try {
      expect(await race({ DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema, DATA_DIR: '/tmp' })).toEqual({ created: 1, workspaces: 1, operators: 1 });
    } finally {
      await drop();
    }
  });
});
