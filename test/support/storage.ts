/** The storage backends every contract suite runs against: SQLite always, PostgreSQL when reachable. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { migrate, openDatabase, type DatabaseHandle } from '../../packages/server/src/db/database.js';
import { type Clock, systemClock } from '../../packages/server/src/clock.js';
import { loadConfig } from '../../packages/server/src/config.js';
import type { Context } from '../../packages/server/src/context.js';
import { EventBus, type DomainEvent } from '../../packages/server/src/events/events.js';
import { createDiskFileStore } from '../../packages/server/src/attachment/file-store.js';
import { MessageWriter } from '../../packages/server/src/message/message-writer.js';
import { SqliteFastPath } from '../../packages/server/src/message/sqlite-fast-path.js';
import { createMemoryPubSub } from '../../packages/server/src/pubsub/memory.js';
import { ArticleFinder } from '../../packages/server/src/article-assist/article-finder.js';
import { createJobs } from '../../packages/server/src/jobs/jobs.js';
import { installFeatures } from '../../packages/server/src/features.js';
import { createPgSchema, hasPostgres, PG_URL } from './services.js';

export interface Backend {
  name: string;
  /** SQLite writes messages synchronously by default; the set-based path is tested on it too. */
  fastPath: boolean;
  open(): Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void> }>;
}

export const BACKENDS: Backend[] = [
  {
    name: 'sqlite',
    fastPath: true,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'sb-store-'));
      const handle = await openDatabase({ kind: 'sqlite', file: join(dir, 'test.db') });
      return { handle, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'sqlite with the set-based writer',
    fastPath: false,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'sb-store-'));
      const handle = await openDatabase({ kind: 'sqlite', file: join(dir, 'test.db') });
      return { handle, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  ...(hasPostgres
    ? [
        {
          name: 'postgres',
          fastPath: false,
          async open() {
            const { schema, drop } = await createPgSchema();
            const handle = await openDatabase({ kind: 'postgres', url: PG_URL, schema });
            return { handle, cleanup: drop };
          },
        },
      ]
    : []),
];

/** A service context on a migrated database, recording the domain events it emits. */
export async function contextOn(
  handle: DatabaseHandle,
  dataDir: string,
  fastPath = true,
  clock: Clock = systemClock,
): Promise<{ ctx: Context; events: DomainEvent[] }> {
  await migrate(handle.db, handle.sqlite);
  const events: DomainEvent[] = [];
  const bus = new EventBus((err) => {
    throw err;
  });
  for (const t of ['message.created', 'conversation.created', 'conversation.updated', 'conversation.read', 'visitor.updated'] as const) {
    bus.on(t, (e) => void events.push(e));
  }
  const ctx = {
    config: loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }),
    db: handle.db,
    dbKind: handle.kind,
    pubsub: createMemoryPubSub(),
    events: bus,
    files: createDiskFileStore(join(dataDir, 'attachments')),
    log: pino({ level: 'silent' }),
    clock,
    now: () => clock.now(),
  } as Context;
  ctx.writer = new MessageWriter(handle.db, handle.kind, bus, handle.sqlite && fastPath ? new SqliteFastPath(handle.sqlite) : undefined);
  ctx.jobs = createJobs(ctx);
  installFeatures(ctx);
  ctx.articles = new ArticleFinder(ctx);
  await ctx.articles.start();
  return { ctx, events };
}
