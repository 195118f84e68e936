/**
 * The host site's tracked events (`Switchboard('track', name, data)`) through
 * a real server: the widget records them for its visitor, operators list them
 * newest first and paged, a bad name or data is refused with the field, and
 * another workspace sees nothing of them; retention deletes them with visits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitorEventDto } from '@switchboard/protocol';
import { newVisitor } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { ManualClock } from '../src/clock.js';
import { deleteOldVisits, VISITS_KEPT_MS } from '../src/visitor/visit-retention.js';
import { listVisitorEvents } from '../src/visitor/visitor-event.repository.js';
import { createWorkspace } from '../src/workspace/workspace.service.js';

let s: TestServer;
let token: string;
let tokenB: string;
const clock = new ManualClock(Date.UTC(2026, 6, 1, 9));

beforeAll(async () => {
  s = await startTestServer({ deps: { clock } });
  token = await login(s.url);
  await createWorkspace(s.app.ctx, { name: 'B', ownerEmail: 'owner@events-b.test', ownerName: 'Bea', ownerPassword: 'password-b-long', inboxName: 'B site' });
  tokenB = await login(s.url, { email: 'owner@events-b.test', password: 'password-b-long' });
});
afterAll(async () => {
  await s.close();
});

const workspaceOf = async (visitorId: string) =>
  (await s.app.ctx.db.selectFrom('visitors').select('workspace_id').where('id', '=', visitorId).executeTakeFirstOrThrow()).workspace_id;
const track = (visitorToken: string, body: unknown) =>
  api<VisitorEventDto & { error?: { code: string; details?: unknown } }>(s.url, '/api/v1/widget/events', {
    token: visitorToken,
    headers: { 'x-website-key': s.websiteKey },
    body,
  });
const events = (visitorId: string, t = token, q = '') =>
  api<{ items: VisitorEventDto[]; nextCursor: string | null }>(s.url, `/api/v1/visitors/${visitorId}/events${q}`, { token: t });

describe('tracked events', () => {
  it('are recorded for the visitor and listed to operators newest first, paged', async () => {
    const v = await newVisitor(s.url, s.websiteKey);
    const first = await track(v.visitorToken, { name: 'Signed up' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name: 'Signed up', data: null, createdAt: clock.now() });
    await clock.advance(1000);
    expect((await track(v.visitorToken, { name: 'Added to cart', data: { sku: 'TENT-2P', value: 249.9, gift: false } })).status).toBe(201);
    await clock.advance(1000);
    expect((await track(v.visitorToken, { name: 'checkout:started' })).status).toBe(201);

    const all = await events(v.visitorId);
    expect(all.status).toBe(200);
    expect(all.body.items.map((e) => e.name)).toEqual(['checkout:started', 'Added to cart', 'Signed up']);
    expect(all.body.items[1]?.data).toEqual({ sku: 'TENT-2P', value: 249.9, gift: false });

    const page1 = await events(v.visitorId, token, '?limit=2');
    expect(page1.body.items.map((e) => e.name)).toEqual(['checkout:started', 'Added to cart']);
    const page2 = await events(v.visitorId, token, `?limit=2&cursor=${encodeURIComponent(page1.body.nextCursor ?? '')}`);
    expect(page2.body.items.map((e) => e.name)).toEqual(['Signed up']);
    expect(page2.body.nextCursor).toBeNull();

    // Another workspace does not find the visitor at all.
    expect((await events(v.visitorId, tokenB)).status).toBe(404);
  });

  it('refuses a name or data of the wrong shape, and a visitor without a token', async () => {
    const v = await newVisitor(s.url, s.websiteKey);
    expect((await track(v.visitorToken, { name: '' })).status).toBe(400);
    expect((await track(v.visitorToken, { name: '<script>' })).status).toBe(400);
    expect((await track(v.visitorToken, { name: 'ok', data: { nested: { no: 1 } } })).status).toBe(400);
    expect((await track(v.visitorToken, { name: 'ok', data: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])) })).status).toBe(400);
    expect((await track('not-a-token', { name: 'ok' })).status).toBe(401);
    expect((await events(v.visitorId)).body.items).toEqual([]);
  });

  it('are deleted with the visits, once older than visits are kept', async () => {
    const v = await newVisitor(s.url, s.websiteKey);
    const t0 = clock.now();
    await track(v.visitorToken, { name: 'Old news' });
    await clock.advance(60_000);
    await track(v.visitorToken, { name: 'Recent' });
    // The sweep as it runs 90 days and 30 seconds after the first event (no need to live through those days here).
    const removed = await deleteOldVisits(s.app.ctx, t0 + VISITS_KEPT_MS + 30_000);
    expect(removed.events).toBeGreaterThanOrEqual(1);
    const left = await listVisitorEvents(s.app.ctx.db, { workspaceId: await workspaceOf(v.visitorId), visitorId: v.visitorId, limit: 10 });
    expect(left.map((e) => e.name)).toEqual(['Recent']);
  });
});
