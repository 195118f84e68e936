/**
 * SLA breaches across a SIGKILL: Switchboard runs as a child process on
 * SQLite with one handler slot. Visitors start conversations under a policy;
 * their first response targets are made due at once (in the database, while
 * the server is down); the server starts, is killed (SIGKILL) once breaches
 * start being recorded, starts again, and every breach is recorded exactly
 * once: one `breached` row per conversation, none lost, none doubled.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { newVisitor, visitorClient } from '../../../test/support/clients.js';
import { type ServerProcess, spawnServer } from '../../../test/support/process.js';
import { api, login } from '../../../test/support/server.js';

const dir = mkdtempSync(join(tmpdir(), 'sb-sla-crash-'));
const file = join(dir, 'switchboard.db');
const env = { DATA_DIR: dir, SWITCHBOARD_ADMIN_PASSWORD: 'crash-test-password', JOB_CONCURRENCY: '1', JOB_LEASE_SECONDS: '2' };
const COUNT = 40;
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function until(cond: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${server?.output() ?? ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('SLA timers across a crash', () => {
  it('records each breach exactly once after SIGKILL and restart', async () => {
    server = await spawnServer(env);
    const token = await login(server.url, { email: 'admin@example.com', password: env.SWITCHBOARD_ADMIN_PASSWORD });
    const inbox = (await api<{ items: { id: string; websiteKey: string }[] }>(server.url, '/api/v1/inboxes', { token })).body.items[0]!;
    const policy = await api<{ id: string }>(server.url, '/api/v1/sla-policies', { token, body: { name: 'Fast', firstResponseSeconds: 600 } });
    await api(server.url, `/api/v1/inboxes/${inbox.id}/sla-policy`, { method: 'PUT', token, body: { policyId: policy.body.id } });

    const ids: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      const v = await newVisitor(server.url, inbox.websiteKey);
      const c = visitorClient(server.wsUrl, inbox.websiteKey, v.visitorToken);
      await c.waitFor('welcome');
      ids.push((await c.client.send({ body: `Hello ${i}` })).conversationId);
      c.close();
    }
    const db = new SQLite(file);
    db.pragma('busy_timeout = 5000');
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    try {
      await until(() => count("select count(*) as n from jobs where kind = 'sla.breach' and status = 'pending'") === COUNT, 'every timer');
      await server.kill('SIGKILL');
      // Due now: the breaches all wait for the restarted server.
      const now = Date.now();
      db.prepare('update sla_timers set due_at = ?, warn_at = null').run(now - 1000);
      db.prepare("update jobs set run_at = ? where kind = 'sla.breach'").run(now - 1000);
      db.prepare("update jobs set status = 'cancelled' where kind = 'sla.warning'").run();

      server = await spawnServer(env);
      await until(() => count("select count(*) as n from sla_events where outcome = 'breached'") > 0, 'the first breaches');
      await server.kill('SIGKILL');
      const before = count("select count(*) as n from sla_events where outcome = 'breached'");

      server = await spawnServer(env);
      await until(() => count("select count(*) as n from jobs where kind = 'sla.breach' and status = 'done'") === COUNT, 'every breach job to be done');
      const rows = db.prepare("select conversation_id, count(*) as n from sla_events where outcome = 'breached' group by conversation_id").all() as {
        conversation_id: string;
        n: number;
      }[];
      expect(rows.map((r) => r.n)).toEqual(ids.map(() => 1));
      expect(new Set(rows.map((r) => r.conversation_id))).toEqual(new Set(ids));
      expect(count('select count(*) as n from conversations where sla_breached_at is not null')).toBe(COUNT);
      expect(before).toBeLessThanOrEqual(COUNT);
    } finally {
      db.close();
    }
  }, 60_000);
});
