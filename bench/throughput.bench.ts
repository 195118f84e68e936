/**
 * Persisted message throughput per process: messages stored through the same
 * send command and group-commit writer the gateway uses, acknowledged after
 * commit. SQLite always; PostgreSQL too when reachable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, loadConfig } from '../packages/server/src/index.js';
import { createWorkspace } from '../packages/server/src/workspace/workspace.service.js';
import { startWidgetSession } from '../packages/server/src/visitor/visitor.service.js';
import { sendMessage } from '../packages/server/src/message/message.service.js';
import { createPgSchema, hasPostgres, PG_URL } from '../test/support/services.js';
import { figure } from './support.js';

const TOTAL = Number(process.env.BENCH_MESSAGES ?? 100_000);
const CONVERSATIONS = 500;
const IN_FLIGHT = 2000;

async function measure(env: Record<string, string>): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-tp-'));
  const app = await createApp({ config: loadConfig({ NODE_ENV: 'production', DATA_DIR: dir, LOG_LEVEL: 'silent', ...env }) });
  const ctx = app.ctx;
  const ws = await createWorkspace(ctx, {
    name: 'Bench',
    ownerEmail: `bench-${Date.now()}@example.com`,
    ownerName: 'Bench',
    ownerPassword: 'bench-password',
    inboxName: 'Web',
  });
  const convs: { visitor: Awaited<ReturnType<typeof startWidgetSession>>['visitor']; id: string }[] = [];
  for (let i = 0; i < CONVERSATIONS; i++) {
    const { visitor } = await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey });
    const r = await sendMessage(ctx, {
      workspaceId: ws.workspaceId,
      visitor,
      author: { kind: 'visitor', id: visitor.id, name: null },
      clientId: 'first',
      body: 'hi',
    });
    convs.push({ visitor, id: r.message.conversationId });
  }
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  let next = 0;
  const worker = async () => {
    while (next < TOTAL) {
      const i = next++;
      const c = convs[i % CONVERSATIONS]!;
      await sendMessage(ctx, {
        workspaceId: ws.workspaceId,
        conversationId: c.id,
        visitor: c.visitor,
        author: { kind: 'visitor', id: c.visitor.id, name: null },
        clientId: `m${i}`,
        body: `Message number ${i}, about an order`,
      });
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(`    (${TOTAL} messages in ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU: ${Math.round(TOTAL / cpuSeconds)} msg per CPU-second)`);
  const stored = await ctx.db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(stored.n) !== TOTAL + CONVERSATIONS) throw new Error(`stored ${stored.n}, expected ${TOTAL + CONVERSATIONS}`);
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  return TOTAL / seconds;
}

console.log(`\nPersisted message throughput, one process (${TOTAL} messages over ${CONVERSATIONS} conversations, ${IN_FLIGHT} in flight, acked after commit)`);
const sqlite = await measure({});
figure('SQLite (WAL, synchronous=NORMAL)', `${Math.round(sqlite)} msg/s`, '>= 10000 msg/s', sqlite >= 10_000);
if (!process.env.BENCH_SQLITE_ONLY) {
  const full = await measure({ SQLITE_SYNCHRONOUS: 'FULL' });
  figure('SQLite (WAL, synchronous=FULL)', `${Math.round(full)} msg/s`, 'for reference', null);
}
if (hasPostgres && !process.env.BENCH_SQLITE_ONLY) {
  const { schema, drop } = await createPgSchema();
  const pgRate = await measure({ DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema });
  await drop();
  figure('PostgreSQL', `${Math.round(pgRate)} msg/s`, 'for reference', null);
}
