/**
 * Inbox view counts with 100,000 conversations: every count the console shows
 * (Mine, Unassigned, All, Snoozed, Resolved), in one call, as the HTTP route
 * runs it. SQLite always; PostgreSQL too when reachable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { countViews } from '../packages/server/src/conversation/conversation.repository.js';
import { migrate, openDatabase, type DatabaseHandle } from '../packages/server/src/db/database.js';
import { createPgSchema, hasPostgres, PG_URL } from '../test/support/services.js';
import { figure, percentile } from './support.js';

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const RUNS = 200;
const OPERATORS = 20;

async function seed(handle: DatabaseHandle): Promise<{ workspaceId: string; operatorId: string; labelId: string }> {
  const db = handle.db;
  await migrate(db, handle.sqlite);
  const now = Date.now();
  await db.insertInto('workspaces').values({ id: 'ws', name: 'Bench', created_at: now }).execute();
  await db
    .insertInto('inboxes')
    .values({ id: 'in', workspace_id: 'ws', name: 'Web', kind: 'website', website_key: 'wk_bench', settings: '{}', created_at: now })
    .execute();
  for (let o = 0; o < OPERATORS; o++) {
    await db
      .insertInto('operators')
      .values({
        id: `op${o}`,
        workspace_id: 'ws',
        email: `op${o}@bench.test`,
        name: `Op ${o}`,
        role: 'operator',
        password_hash: null,
        status: 'online',
        invite_token_hash: null,
        invite_expires_at: null,
        disabled_at: null,
        created_at: now,
        last_seen_at: null,
      })
      .execute();
  }
  await db.insertInto('labels').values({ id: 'vip', workspace_id: 'ws', name: 'VIP', name_key: 'vip', color: '#aa0000', created_at: now }).execute();
  // A busy workspace's history: mostly resolved, a fifth open, some snoozed and pending.
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < CONVERSATIONS; i += 500) {
      const visitors = [];
      const conversations = [];
      const labels = [];
      for (let j = i; j < Math.min(CONVERSATIONS, i + 500); j++) {
        const r = (j * 7919) % 100;
        const status = r < 70 ? 'resolved' : r < 90 ? 'open' : r < 95 ? 'snoozed' : 'pending';
        const assignee = j % 4 === 0 ? null : `op${j % OPERATORS}`;
        visitors.push({
          id: `v${j}`,
          workspace_id: 'ws',
          inbox_id: 'in',
          token_hash: `t${j}`,
          contact_id: null,
          page_url: null,
          page_title: null,
          referrer: null,
          user_agent: null,
          time_zone: null,
          locale: null,
          created_at: now,
          last_seen_at: now,
        });
        conversations.push({
          id: `c${String(j).padStart(7, '0')}`,
          workspace_id: 'ws',
          inbox_id: 'in',
          visitor_id: `v${j}`,
          contact_id: null,
          status,
          assignee_id: assignee,
          last_seq: 3,
          last_message_seq: 3,
          last_message_at: now - j,
          last_message_preview: 'Where is my order?',
          last_message_files: 0,
          last_author_kind: 'visitor',
          last_author_id: `v${j}`,
          last_author_name: null,
          visitor_read_seq: 3,
          operator_read_seq: 2,
          unread_count: 1,
          labels: j % 10 === 0 ? '["vip"]' : '[]',
          snoozed_until: status === 'snoozed' ? now + 3600_000 : null,
          merged_into: null,
          created_at: now - j,
          updated_at: now - j,
          resolved_at: status === 'resolved' ? now - j : null,
        });
        if (j % 10 === 0) labels.push({ conversation_id: `c${String(j).padStart(7, '0')}`, label_id: 'vip', workspace_id: 'ws', created_at: now });
      }
      await trx.insertInto('visitors').values(visitors).execute();
      await trx.insertInto('conversations').values(conversations).execute();
      if (labels.length) await trx.insertInto('conversation_labels').values(labels).execute();
    }
  });
  // As autovacuum leaves a table in use: counted from the index alone.
  if (handle.kind === 'postgres') await sql`vacuum analyze`.execute(db);
  else handle.sqlite?.exec('analyze');
  return { workspaceId: 'ws', operatorId: 'op1', labelId: 'vip' };
}

async function measure(name: string, handle: DatabaseHandle): Promise<void> {
  const f = await seed(handle);
  const times = (label?: string) => async () => {
    const out: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await countViews(handle.db, f.workspaceId, f.operatorId, label);
      out.push(performance.now() - t);
    }
    return out.sort((a, b) => a - b);
  };
  const plain = await times()();
  const labelled = await times(f.labelId)();
  const counts = await countViews(handle.db, f.workspaceId, f.operatorId);
  console.log(
    `    (${CONVERSATIONS} conversations: ${JSON.stringify(counts)}; p50 ${percentile(plain, 50).toFixed(2)} ms, with a label p50 ${percentile(labelled, 50).toFixed(2)} ms)`,
  );
  const p99 = percentile(plain, 99);
  const p99Label = percentile(labelled, 99);
  figure(`${name}: all view counts, p99`, `${p99.toFixed(2)} ms`, '< 20 ms', p99 < 20);
  figure(`${name}: all view counts with a label, p99`, `${p99Label.toFixed(2)} ms`, '< 20 ms', p99Label < 20);
}

console.log(`\nInbox view counts (${CONVERSATIONS} conversations, ${RUNS} calls each)`);
const dir = mkdtempSync(join(tmpdir(), 'sb-views-'));
const sqlite = await openDatabase({ kind: 'sqlite', file: join(dir, 'views.db') });
try {
  await measure('SQLite', sqlite);
} finally {
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
}
if (hasPostgres) {
  const { schema, drop } = await createPgSchema();
  const pg = await openDatabase({ kind: 'postgres', url: PG_URL, schema });
  try {
    await measure('PostgreSQL', pg);
  } finally {
    await pg.close();
    await drop();
  }
}
