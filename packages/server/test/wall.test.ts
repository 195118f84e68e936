/**
 * The supervision wall's API: per team the queue's length and oldest wait,
 * each member's load (open / capacity), and the conversations with a souring
 * mood; a supervisor sees their teams only, owners and admins every team, an
 * operator not at all (they keep the Team overview).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import type { Wall } from '../src/wall/wall.js';
import { wallSchema } from '../src/wall/wall.js';

let s: TestServer;
let admin: string;
let sue: string;
let ana: string;
const ids: Record<string, string> = {};
let sales: string;
let billing: string;
const open: TestClient[] = [];

beforeAll(async () => {
  s = await startTestServer();
  admin = await login(s.url);
  for (const [name, role] of [
    ['ana', 'operator'],
    ['sue', 'supervisor'],
    ['ben', 'operator'],
  ] as const) {
    const body = { email: `${name}-wall@example.com`, password: 'lantern-orchard-basalt', name, role };
    ids[name] = (await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', { token: admin, body })).body.operator.id;
  }
  ana = await login(s.url, { email: 'ana-wall@example.com', password: 'lantern-orchard-basalt' });
  sue = await login(s.url, { email: 'sue-wall@example.com', password: 'lantern-orchard-basalt' });
  sales = (await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name: 'Sales', memberIds: [ids.ana!, ids.sue!] } })).body.id;
  billing = (await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name: 'Billing', memberIds: [ids.ben!] } })).body.id;
  const inboxId = (await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token: admin })).body.items[0]!.id;
  await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token: admin, body: { defaultTeamId: sales } });
});
afterAll(async () => {
  for (const c of open) c.close();
  await s.close();
});

async function visitorWrites(body: string): Promise<string> {
  const v = await newVisitor(s.url, s.websiteKey);
  const client = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  open.push(client);
  await client.waitFor('welcome');
  return (await client.client.send({ body })).conversationId;
}

const wall = async (token: string, teamId?: string) => {
  const r = await api<Wall>(s.url, `/api/v1/wall${teamId ? `?teamId=${teamId}` : ''}`, { token });
  return r;
};

describe('the supervision wall', () => {
  it('shows the queue, its oldest wait, each member’s load and the souring conversations, for the supervisor’s teams only', async () => {
    const first = await visitorWrites('Hello, a question about pricing');
    const second = await visitorWrites("This is the third time I'm asking, this is ridiculous");
    await visitorWrites('And another one');
    await api(s.url, `/api/v1/conversations/${first}/assign`, { token: admin, body: { operatorId: ids.ana } });
    await s.app.moods!.idle();

    const r = await wall(sue);
    expect(r.status).toBe(200);
    wallSchema.parse(r.body);
    expect(r.body.teams.map((t) => t.name)).toEqual(['Sales']);
    const team = r.body.teams[0]!;
    expect(team.queue.length).toBe(2);
    const queued = await s.app.ctx.db.selectFrom('conversations').select('queued_at').where('id', '=', second).executeTakeFirstOrThrow();
    expect(team.queue.oldestQueuedAt).toBe(Number(queued.queued_at));
    expect(team.operators.find((o) => o.id === ids.ana)).toMatchObject({ name: 'ana', open: 1, capacity: 3, onShift: true });
    expect(team.attention.map((c) => c.id)).toEqual([second]);
    expect(team.attention[0]).toMatchObject({ mood: 'negative', moodTrend: 'souring' });
  });

  it('shows every team to admins, filters by team, and refuses operators and teams out of scope', async () => {
    expect((await wall(admin)).body.teams.map((t) => t.name)).toEqual(['Billing', 'Sales']);
    expect((await wall(admin, billing)).body.teams.map((t) => t.id)).toEqual([billing]);
    expect((await wall(sue, sales)).body.teams.map((t) => t.id)).toEqual([sales]);
    expect((await wall(sue, billing)).status).toBe(404);
    expect((await wall(ana)).status).toBe(403);
  });
});
