/**
 * The realtime feed scoped by team (realtime/feed.ts), over real WebSockets:
 * on one node with SQLite, and on two nodes with PostgreSQL and Redis (Ana's
 * console on the other node). The scenario is in visibility-feed.ts.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { spawnServer, type ServerProcess } from '../../../test/support/process.js';
import { ADMIN, startTestServer, type TestServer } from '../../../test/support/server.js';
import { createPgSchema, hasPostgres, hasRedis, PG_URL, REDIS_URL, uniqueName } from '../../../test/support/services.js';
import { teamFeedScenario } from './visibility-feed.js';

describe('the team-scoped feed on one node (SQLite)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('tells a console of team A nothing about a conversation of team B, until it moves to team A', async () => {
    await teamFeedScenario({ a: s, b: s, admin: ADMIN });
  });
});

describe.runIf(hasPostgres && hasRedis)('the team-scoped feed on two nodes (PostgreSQL and Redis)', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let drop: () => Promise<void>;
  const password = 'visibility-two-nodes';

  beforeAll(async () => {
    const pg = await createPgSchema();
    drop = pg.drop;
    const env = {
      DATABASE_URL: PG_URL,
      DATABASE_SCHEMA: pg.schema,
      REDIS_URL,
      REDIS_PREFIX: `${uniqueName('vis')}:`,
      SWITCHBOARD_ADMIN_PASSWORD: password,
      DATA_DIR: `/tmp/${pg.schema}`,
    };
    a = await spawnServer(env);
    b = await spawnServer(env);
  });
  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
    await drop?.();
  });

  it('tells a console of team A nothing about a conversation of team B, across nodes', async () => {
    await teamFeedScenario({ a, b, admin: { email: 'admin@example.com', password } });
  });
});
