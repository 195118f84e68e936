/**
 * CSV export of conversations, streamed: 10,000 and then 100,000
 * conversations (each with a contact, two messages, one in ten labelled)
 * exported through the HTTP API of a Switchboard process (the production
 * bundle), the answer read as it comes and counted. Prints rows per second
 * and the server's resident memory before the export and at its peak while
 * exporting (sampled every 20 ms): a streamed export's peak does not grow
 * with the number of rows. The server runs with its JavaScript heap capped
 * at 128 MB: an export that held its rows (100,000 of them take well over
 * that as objects and text) would run out of memory instead of finishing.
 * SQLite always; PostgreSQL too when reachable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { migrate, openDatabase, type DatabaseHandle } from '../packages/server/src/db/database.js';
import { login } from '../test/support/server.js';
import { createPgSchema, hasPostgres, PG_URL } from '../test/support/services.js';
import { figure, rssKb, startSwitchboard } from './support.js';

const SIZES = [10_000, Number(process.env.BENCH_EXPORT_CONVERSATIONS ?? 100_000)];
const ADMIN = { email: 'bench-admin@example.com', password: 'correct horse battery staple' };
const HEAP_MB = 128;
process.env.BENCH_NODE_ARGS ??= `--max-old-space-size=${HEAP_MB}`;

/** Conversations added to the workspace the server made, as a busy history would hold them. */
async function seed(handle: DatabaseHandle, from: number, to: number): Promise<void> {
  const db = handle.db;
  await migrate(db, handle.sqlite);
  const ws = await db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow();
  const inbox = await db.selectFrom('inboxes').select('id').executeTakeFirstOrThrow();
  const op = await db.selectFrom('operators').select(['id', 'name']).executeTakeFirstOrThrow();
  let label = await db.selectFrom('labels').select('id').executeTakeFirst();
  if (!label) {
    label = { id: 'vip' };
    await db.insertInto('labels').values({ id: 'vip', workspace_id: ws.id, name: 'VIP', name_key: 'vip', color: '#aa0000', created_at: 0 }).execute();
  }
  const now = Date.now();
  for (let i = from; i < to; i += 1000) {
    await db.transaction().execute(async (trx) => {
      const contacts = [];
      const visitors = [];
      const conversations = [];
      const messages = [];
      const labels = [];
      for (let j = i; j < Math.min(to, i + 1000); j++) {
        const id = `c${String(j).padStart(7, '0')}`;
        const t = now - j * 1000;
        contacts.push({ id: `k${j}`, workspace_id: ws.id, name: `Person ${j}`, email: `person-${j}@bench.test`, created_at: t, updated_at: t });
        visitors.push({ id: `v${j}`, workspace_id: ws.id, inbox_id: inbox.id, token_hash: `t${j}`, contact_id: `k${j}`, created_at: t, last_seen_at: t });
        conversations.push({
          id,
          workspace_id: ws.id,
          inbox_id: inbox.id,
          visitor_id: `v${j}`,
          contact_id: `k${j}`,
          status: j % 3 ? 'resolved' : 'open',
          assignee_id: op.id,
          last_seq: 2,
          last_message_seq: 2,
          last_message_at: t + 60_000,
          last_message_preview: 'It is on its way',
          last_message_files: 0,
          last_author_kind: 'operator',
          last_author_id: op.id,
          last_author_name: op.name,
          visitor_read_seq: 2,
          operator_read_seq: 2,
          unread_count: 0,
          labels: j % 10 ? '[]' : `["${label.id}"]`,
          snoozed_until: null,
          merged_into: null,
          first_response_at: t + 60_000,
          rating: j % 5 ? null : 5,
          created_at: t,
          updated_at: t + 60_000,
          resolved_at: j % 3 ? t + 120_000 : null,
        });
        for (const [seq, kind, author, body] of [
          [1, 'visitor', `v${j}`, 'Where is my order?'],
          [2, 'operator', op.id, 'It is on its way'],
        ] as const) {
          messages.push({
            id: `${id}m${seq}`,
            workspace_id: ws.id,
            conversation_id: id,
            seq,
            client_id: null,
            author_kind: kind,
            author_id: author,
            author_name: null,
            kind: 'text',
            body,
            attachments: '[]',
            event: null,
            created_at: t + seq,
          });
        }
        if (j % 10 === 0) labels.push({ conversation_id: id, label_id: label.id, workspace_id: ws.id, created_at: t });
      }
      await trx.insertInto('contacts').values(contacts).execute();
      await trx.insertInto('visitors').values(visitors).execute();
      for (let k = 0; k < conversations.length; k += 250)
        await trx
          .insertInto('conversations')
          .values(conversations.slice(k, k + 250))
          .execute();
      for (let k = 0; k < messages.length; k += 500)
        await trx
          .insertInto('messages')
          .values(messages.slice(k, k + 500))
          .execute();
      if (labels.length) await trx.insertInto('conversation_labels').values(labels).execute();
    });
  }
  // As autovacuum and a running server leave tables in use: with their statistics.
  if (handle.kind === 'postgres') await sql`vacuum analyze`.execute(db);
  else handle.sqlite?.exec('analyze');
}

async function exportOnce(url: string, token: string, pid: number): Promise<{ rows: number; seconds: number; before: number; peak: number }> {
  const before = rssKb(pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssKb(pid));
  }, 20);
  const started = performance.now();
  const res = await fetch(`${url}/api/v1/conversations/export?view=all`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok || !res.body) throw new Error(`export answered ${res.status}`);
  let rows = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    for (const byte of chunk) if (byte === 10) rows++;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, rssKb(pid));
  return { rows: rows - 1, seconds, before, peak };
}

async function measure(name: string, env: Record<string, string>, open: () => Promise<DatabaseHandle>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-export-bench-'));
  const serverEnv = { DATA_DIR: dir, SWITCHBOARD_ADMIN_EMAIL: ADMIN.email, SWITCHBOARD_ADMIN_PASSWORD: ADMIN.password, ...env };
  // The first start makes the workspace and its owner; the history is added beside it.
  let server = await startSwitchboard(serverEnv);
  await server.stop();
  const handle = await open();
  const peaks: number[] = [];
  try {
    let seeded = 0;
    for (const size of SIZES) {
      await seed(handle, seeded, size);
      seeded = size;
      server = await startSwitchboard(serverEnv);
      try {
        const token = await login(server.url, ADMIN);
        await exportOnce(server.url, token, server.child.pid!); // warm: the first answer compiles what the rest reuse
        const r = await exportOnce(server.url, token, server.child.pid!);
        if (r.rows !== size) throw new Error(`exported ${r.rows} rows, expected ${size}`);
        peaks.push(r.peak - r.before);
        console.log(
          `    ${name}, ${size} conversations: ${r.seconds.toFixed(1)} s; server RSS before ${(r.before / 1024).toFixed(0)} MB, peak ${(r.peak / 1024).toFixed(0)} MB ` +
            `(load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} CPUs)`,
        );
        figure(`${name}: ${size} conversations exported`, `${Math.round(size / r.seconds)} rows/s`, '>= 2000 rows/s', size / r.seconds >= 2000);
        figure(
          `${name}: ${size}, RSS peak above before`,
          `${(r.peak - r.before) / 1024 < 0.05 ? 0 : ((r.peak - r.before) / 1024).toFixed(0)} MB`,
          '< 64 MB',
          r.peak - r.before < 64 * 1024,
        );
      } finally {
        await server.stop();
      }
    }
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const [small, large] = peaks as [number, number];
  figure(`${name}: memory growth, 10x the rows`, `${((large - small) / 1024).toFixed(0)} MB more`, '< 32 MB (constant)', large - small < 32 * 1024);
}

console.log(
  `\nConversation CSV export, streamed (${SIZES.join(' then ')} conversations through the HTTP API; server heap capped: ${process.env.BENCH_NODE_ARGS})`,
);
const sqliteDir = mkdtempSync(join(tmpdir(), 'sb-export-sqlite-'));
try {
  await measure('SQLite', { DATA_DIR: sqliteDir }, () => openDatabase({ kind: 'sqlite', file: join(sqliteDir, 'switchboard.db') }));
} finally {
  rmSync(sqliteDir, { recursive: true, force: true });
}
if (hasPostgres) {
  const { schema, drop } = await createPgSchema();
  try {
    await measure('PostgreSQL', { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema }, () => openDatabase({ kind: 'postgres', url: PG_URL, schema }));
  } finally {
    await drop();
  }
}
