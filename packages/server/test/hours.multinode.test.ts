/**
 * A team's hours closing and opening reach the widgets on every node: two
 * apps on one PostgreSQL and one Redis and one manual clock; the transition
 * job runs on whichever node claims it, the visitor is connected to node B
 * (the change goes through Redis either way).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, visitorClient } from '../../../test/support/clients.js';
import { setInboxTeam } from '../../../test/support/inbox-team.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { createPgSchema, hasPostgres, hasRedis, PG_URL, REDIS_URL, uniqueName } from '../../../test/support/services.js';
import { ManualClock } from '../src/clock.js';

const HOUR = 3600_000;

describe.runIf(hasPostgres && hasRedis)('team hours across two nodes', () => {
  // Monday 4 January 2027, 08:00 UTC.
  const clock = new ManualClock(Date.UTC(2027, 0, 4, 8, 0));
  let a: TestServer;
  let b: TestServer;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const pg = await createPgSchema();
    drop = pg.drop;
    const env = { DATABASE_URL: PG_URL, DATABASE_SCHEMA: pg.schema, REDIS_URL, REDIS_PREFIX: `${uniqueName('hours')}:` };
    a = await startTestServer({ env, deps: { clock } });
    b = await startTestServer({ env, deps: { clock } });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await drop?.();
  });

  it('switches a widget on node B when the transition job closes and opens the team', async () => {
    const token = await login(a.url);
    const team = (await api<{ id: string }>(a.url, '/api/v1/teams', { token, body: { name: 'Support' } })).body;
    const inbox = (await a.app.ctx.db.selectFrom('inboxes').select('id').executeTakeFirstOrThrow()).id;
    await setInboxTeam(a.app.ctx.db, inbox, team.id);
    const console = operatorClient(a.wsUrl, token);
    await console.waitFor('welcome');
    const v = await newVisitor(b.url, b.websiteKey);
    const visitor = visitorClient(b.wsUrl, b.websiteKey, v.visitorToken);
    await visitor.waitFor('availability', (f) => f.available);

    const day = Date.UTC(2027, 0, 4);
    const put = await api<{ open: boolean; nextChangeAt: number }>(a.url, `/api/v1/teams/${team.id}/hours`, {
      method: 'PUT',
      token,
      body: { timeZone: 'UTC', weekly: [1, 2, 3, 4, 5, 6, 7].map((d) => ({ day: d, start: '06:00', end: '17:30' })) },
    });
    expect(put.body).toEqual({ hours: expect.anything(), open: true, nextChangeAt: day + 17.5 * HOUR });

    await clock.advance(day + 17.5 * HOUR - clock.now());
    await a.app.ctx.jobs.runDue();
    await b.app.ctx.jobs.runDue();
    expect(await visitor.waitFor('availability', (f) => f.closed === true)).toMatchObject({ available: false, opensAt: day + 30 * HOUR, timeZone: 'UTC' });

    const seen = visitor.frames.length;
    await clock.advance(day + 30 * HOUR - clock.now());
    await a.app.ctx.jobs.runDue();
    await b.app.ctx.jobs.runDue();
    await visitor.waitFor('availability', (f) => !f.closed && visitor.frames.indexOf(f) >= seen);
    visitor.close();
    console.close();
  });
});
