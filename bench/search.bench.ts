/**
 * Search at scale: N messages (BENCH_SEARCH_MESSAGES; default 1,000,000 on
 * SQLite, 200,000 on PostgreSQL) over 2,000 conversations of three teams,
 * written straight into storage in large transactions (the FTS5 triggers or
 * the GIN index keep up as they would in use), then p50/p95 of typical
 * searches through the search interface, as an admin and as an operator of
 * one team (whose scope is in the SQL). Prints how long writing took.
 * BENCH_SEARCH_PG=0 skips PostgreSQL, BENCH_SEARCH_SQLITE=0 SQLite.
 * BENCH_SEARCH_PG_KEEP=1 keeps PostgreSQL's schema (its name is printed);
 * BENCH_SEARCH_PG_SCHEMA=<name> searches that kept schema's data again
 * instead of writing new (to compare before and after on the same rows).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createApp, loadConfig } from '../packages/server/src/index.js';
import { type Viewer, viewerOf } from '../packages/server/src/policy/visibility.js';
import { searchIndexOf } from '../packages/server/src/search/search.service.js';
import { sendMessage } from '../packages/server/src/message/message.service.js';
import { startWidgetSession } from '../packages/server/src/visitor/visitor.service.js';
import { createWorkspace } from '../packages/server/src/workspace/workspace.service.js';
import { createPgSchema, hasPostgres, PG_URL } from '../test/support/services.js';
import { figure, percentile } from './support.js';

const CONVERSATIONS = 2000;
/** In one message of all (in a conversation of team Sales, which the team's operator sees). */
const RARE = 'quetzalcoatl';
const RUNS = 40;

// A Zipf-like vocabulary: a few words in most messages, most words rare.
const WORDS = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`);
const COMMON = ['order', 'refund', 'delivery', 'invoice', 'account', 'password', 'shipping', 'payment', 'hello', 'thanks'];
let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
function body(): string {
  const n = 6 + Math.floor(rand() * 14);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(rand() < 0.15 ? COMMON[Math.floor(rand() * COMMON.length)]! : WORDS[Math.floor(WORDS.length * rand() ** 3)]!);
  return out.join(' ');
}

async function run(name: string, env: Record<string, string>, total: number, reuse = false): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-search-bench-'));
  const app = await createApp({ config: loadConfig({ NODE_ENV: 'production', DATA_DIR: dir, LOG_LEVEL: 'silent', ...env }) });
  const ctx = app.ctx;
  try {
    if (reuse) {
      const ws = await ctx.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow();
      const owner = await ctx.db.selectFrom('operators').select('id').where('role', '=', 'owner').executeTakeFirstOrThrow();
      const op = await ctx.db.selectFrom('operators').select('id').where('role', '=', 'operator').executeTakeFirstOrThrow();
      const sales = await ctx.db.selectFrom('teams').select('id').where('name', '=', 'Sales').executeTakeFirstOrThrow();
      const admin = await viewerOf(ctx, { id: owner.id, workspaceId: ws.id, role: 'owner' });
      await searchAll(ctx, name, admin, { id: op.id, workspaceId: ws.id, role: 'operator', teamIds: [sales.id] });
      return;
    }
    const ws = await createWorkspace(ctx, {
      name: 'Bench',
      ownerEmail: `sb-${Date.now()}@example.com`,
      ownerName: 'Bench',
      ownerPassword: 'bench-password',
      inboxName: 'Web',
    });
    const teams = ['Sales', 'Billing', 'Support'].map((t, i) => ({ id: `team${i}${Date.now()}`, name: t }));
    const now = Date.now();
    for (const t of teams)
      await ctx.db
        .insertInto('teams')
        .values({ id: t.id, workspace_id: ws.workspaceId, name: t.name, created_at: now, updated_at: now } as never)
        .execute();
    const operatorId = `op${now}`;
    await ctx.db
      .insertInto('operators')
      .values({
        ...(await ctx.db.selectFrom('operators').selectAll().where('id', '=', ws.owner.id).executeTakeFirstOrThrow()),
        id: operatorId,
        email: `op-${now}@example.com`,
        role: 'operator',
      } as never)
      .execute();
    await ctx.db
      .insertInto('team_members')
      .values({ team_id: teams[0]!.id, operator_id: operatorId, workspace_id: ws.workspaceId, created_at: now } as never)
      .execute();

    const started = performance.now();
    const convs: string[] = [];
    for (let i = 0; i < CONVERSATIONS; i++) {
      const { visitor } = await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey });
      const r = await sendMessage(ctx, {
        workspaceId: ws.workspaceId,
        visitor,
        author: { kind: 'visitor', id: visitor.id, name: null },
        clientId: 'first',
        body: 'hello',
      });
      convs.push(r.message.conversationId);
      await ctx.db
        .updateTable('conversations')
        .set({ team_id: teams[i % 3]!.id })
        .where('id', '=', r.message.conversationId)
        .execute();
    }
    const BATCH = 10_000;
    for (let done = 0; done < total; done += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, total - done) }, (_, j) => {
        const i = done + j;
        return {
          id: `bm${i}`,
          workspace_id: ws.workspaceId,
          conversation_id: convs[i % CONVERSATIONS]!,
          seq: 1000 + Math.floor(i / CONVERSATIONS),
          client_id: null,
          author_kind: i % 2 ? 'visitor' : 'operator',
          author_id: null,
          author_name: null,
          kind: 'text',
          body: i === 4003 ? `${body()} ${RARE}` : body(),
          attachments: '[]',
          event: null,
          created_at: now - (total - i) * 1000,
        };
      });
      await ctx.db.transaction().execute(async (trx) => {
        for (let k = 0; k < rows.length; k += 500)
          await trx
            .insertInto('messages')
            .values(rows.slice(k, k + 500) as never)
            .execute();
      });
    }
    if (ctx.dbKind === 'postgres') await sql`analyze`.execute(ctx.db);
    const seconds = (performance.now() - started) / 1000;
    console.log(`\nSearch on ${name}: ${total} messages over ${CONVERSATIONS} conversations written (and indexed) in ${seconds.toFixed(1)} s`);

    const admin = await viewerOf(ctx, ws.owner);
    await searchAll(ctx, name, admin, { id: operatorId, workspaceId: ws.workspaceId, role: 'operator', teamIds: [teams[0]!.id] });
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function searchAll(ctx: Awaited<ReturnType<typeof createApp>>['ctx'], name: string, admin: Viewer, operator: Viewer): Promise<void> {
  console.log(`\nSearching on ${name}`);
  const index = searchIndexOf(ctx);
  const queries: [string, string, Viewer][] = [
    ['a word in one message', RARE, admin],
    ['a common word (15% of messages)', 'refund', admin],
    ['two words', 'refund delivery', admin],
    ['a prefix', 'invo', admin],
    ['a common word, one team’s operator', 'refund', operator],
    ['a word in one message, one team’s operator', RARE, operator],
    ['a rarer word, one team’s operator', WORDS[1_500]!, operator],
  ];
  for (const [label, q, viewer] of queries) {
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const page = await index.messages(ctx.db, { viewer, q, filters: {}, offset: 0, limit: 20 });
      times.push(performance.now() - t);
      found = page.items.length;
    }
    times.sort((x, y) => x - y);
    const p95 = percentile(times, 95);
    figure(`${label} ("${q}")`, `p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${found})`, 'p95 < 50 ms', p95 < 50);
  }
}

const sqliteN = Number(process.env.BENCH_SEARCH_MESSAGES ?? 1_000_000);
if (process.env.BENCH_SEARCH_SQLITE !== '0') await run('SQLite (FTS5)', {}, sqliteN);
if (hasPostgres && process.env.BENCH_SEARCH_PG !== '0') {
  const kept = process.env.BENCH_SEARCH_PG_SCHEMA;
  const { schema, drop } = kept ? { schema: kept, drop: async () => {} } : await createPgSchema();
  try {
    const n = Number(process.env.BENCH_SEARCH_MESSAGES ?? 200_000);
    await run('PostgreSQL (tsvector, GIN)', { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema }, n, Boolean(kept));
  } finally {
    if (process.env.BENCH_SEARCH_PG_KEEP === '1' || kept) console.log(`PostgreSQL schema kept: ${schema}`);
    else await drop();
  }
}
