/**
 * Lists, counts, searches and exports are scoped by the one rule of
 * policy/visibility.ts, in their SQL: an operator of team Sales sees Sales'
 * conversations, those assigned to them and those of no team; their contacts
 * (and contacts with no conversation, and the ones they created); a
 * supervisor's export holds what they see. Checked on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, until, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { createPgSchema, hasPostgres, PG_URL } from '../../../test/support/services.js';

const BACKENDS = [{ name: 'SQLite', pg: false }, ...(hasPostgres ? [{ name: 'PostgreSQL', pg: true }] : [])];

describe.each(BACKENDS)('scoped lists on $name', ({ pg }) => {
  let s: TestServer;
  let drop: (() => Promise<void>) | undefined;
  let admin: string;
  let ana: string;
  let sue: string;
  const c = {} as Record<'sales' | 'billing' | 'none' | 'mine', { conversationId: string; contactId: string; email: string }>;
  let lead = '';
  let created = '';

  beforeAll(async () => {
    const env: Record<string, string> = {};
    if (pg) {
      const schema = await createPgSchema();
      drop = schema.drop;
      Object.assign(env, { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema.schema });
    }
    s = await startTestServer({ env });
    admin = await login(s.url);
    const ids: Record<string, string> = {};
    for (const [name, role] of [
      ['ana', 'operator'],
      ['sue', 'supervisor'],
      ['ben', 'operator'],
    ] as const) {
      const creds = { email: `${name}-lists@example.com`, password: 'lantern-orchard-basalt' };
      ids[name] = (await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', { token: admin, body: { ...creds, name, role } })).body.operator.id;
    }
    ana = await login(s.url, { email: 'ana-lists@example.com', password: 'lantern-orchard-basalt' });
    sue = await login(s.url, { email: 'sue-lists@example.com', password: 'lantern-orchard-basalt' });
    const sales = (await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name: 'Sales', memberIds: [ids.ana!, ids.sue!] } })).body.id;
    const billing = (await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name: 'Billing', memberIds: [ids.ben!] } })).body.id;
    const place = async (key: keyof typeof c, teamId: string | null, assignee?: string) => {
      const v = await newVisitor(s.url, s.websiteKey);
      const w = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
      await w.waitFor('welcome');
      const { conversationId } = await w.client.send({ body: `About ${key}` });
      w.close();
      const email = `${key}-customer@example.com`;
      const r = await api<{ contactId: string }>(s.url, '/api/v1/widget/identify', {
        token: v.visitorToken,
        headers: { 'x-website-key': s.websiteKey },
        body: { name: `${key} customer`, email },
      });
      if (teamId) await api(s.url, `/api/v1/conversations/${conversationId}/team`, { token: admin, body: { teamId } });
      if (assignee) await api(s.url, `/api/v1/conversations/${conversationId}/assign`, { token: admin, body: { operatorId: assignee } });
      c[key] = { conversationId, contactId: r.body.contactId, email };
    };
    await place('sales', sales);
    await place('billing', billing);
    await place('none', null);
    await place('mine', billing, ids.ana);
    lead = (await api<{ id: string }>(s.url, '/api/v1/contacts', { token: admin, body: { name: 'New lead' } })).body.id;
    created = (await api<{ id: string }>(s.url, '/api/v1/contacts', { token: ana, body: { name: 'Met at the fair' } })).body.id;
    // Ana's contact gets a conversation of Billing: she still sees the contact she created.
    const v = await newVisitor(s.url, s.websiteKey);
    await s.app.ctx.db.updateTable('visitors').set({ contact_id: created }).where('id', '=', v.visitorId).execute();
    const w = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    await w.waitFor('welcome');
    const { conversationId } = await w.client.send({ body: 'Hello again' });
    w.close();
    await s.app.ctx.db.updateTable('conversations').set({ team_id: billing, contact_id: created }).where('id', '=', conversationId).execute();
  });
  afterAll(async () => {
    await s?.close();
    await drop?.();
  });

  const listed = async (token: string, path: string) => (await api<{ items: { id: string }[] }>(s.url, path, { token })).body.items.map((i) => i.id);

  it('the inbox lists what the operator may see', async () => {
    const all = await listed(ana, '/api/v1/conversations?view=all');
    expect(all).toEqual(expect.arrayContaining([c.sales.conversationId, c.none.conversationId, c.mine.conversationId]));
    expect(all).not.toContain(c.billing.conversationId);
    expect(await listed(admin, '/api/v1/conversations?view=all')).toContain(c.billing.conversationId);
    expect(await listed(ana, '/api/v1/conversations?view=mine')).toEqual([c.mine.conversationId]);
    expect(await listed(sue, '/api/v1/conversations?view=unassigned')).not.toContain(c.billing.conversationId);
  });

  it('counts what the operator may see', async () => {
    const counts = async (token: string) => (await api<{ all: number; mine: number }>(s.url, '/api/v1/conversations/counts', { token })).body;
    const everything = await counts(admin);
    const anas = await counts(ana);
    expect(everything.all - anas.all).toBe(2);
    expect(anas.mine).toBe(1);
  });

  it('contacts: those with a conversation they may see, with none, or created by them; the search too', async () => {
    const contacts = await listed(ana, '/api/v1/contacts?limit=100');
    expect(contacts).toEqual(expect.arrayContaining([c.sales.contactId, c.none.contactId, c.mine.contactId, lead, created]));
    expect(contacts).not.toContain(c.billing.contactId);
    expect(await listed(ana, `/api/v1/contacts?q=${encodeURIComponent('billing customer')}`)).toEqual([]);
    expect(await listed(admin, `/api/v1/contacts?q=${encodeURIComponent('billing customer')}`)).toEqual([c.billing.contactId]);
    expect((await api(s.url, `/api/v1/contacts/${created}`, { token: ana })).status).toBe(200);
    // The conversations of a contact she sees: only those she may see.
    expect(await listed(ana, `/api/v1/contacts/${created}/conversations`)).toEqual([]);
  });

  it('a note mentions only operators who may see the conversation', async () => {
    const note = async (conversationId: string) =>
      (
        await api<{ note: { mentions: { name: string }[] } }>(s.url, `/api/v1/conversations/${conversationId}/notes`, {
          token: admin,
          body: { body: '@ana, @ben: a look?' },
        })
      ).body.note.mentions
        .map((m) => m.name)
        .sort();
    expect(await note(c.billing.conversationId)).toEqual(['ben']);
    expect(await note(c.sales.conversationId)).toEqual(['ana']);
    expect(await note(c.none.conversationId)).toEqual(['ana', 'ben']);
  });

  it('the live Visitors list shows the visitors with a conversation she may see, or none', async () => {
    const online = async (teamId: string | null) => {
      const v = await newVisitor(s.url, s.websiteKey);
      const w = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
      await w.waitFor('welcome');
      const { conversationId } = await w.client.send({ body: 'Are you there?' });
      if (teamId) await api(s.url, `/api/v1/conversations/${conversationId}/team`, { token: admin, body: { teamId } });
      w.client.sendVolatile({ type: 'page', url: 'https://shop.example/' });
      return { id: v.visitorId, w };
    };
    const teamsById = (await api<{ items: { id: string; name: string }[] }>(s.url, '/api/v1/teams', { token: admin })).body.items;
    const billingTeam = teamsById.find((t) => t.name === 'Billing')!.id;
    const salesTeam = teamsById.find((t) => t.name === 'Sales')!.id;
    const theirs = await online(billingTeam);
    const ours = await online(salesTeam);
    const feed = operatorClient(s.wsUrl, ana);
    await feed.waitFor('welcome');
    feed.client.sendVolatile({ type: 'visitors', follow: true });
    const seen = new Set<string>();
    await until(() => {
      for (const f of feed.frames) if (f.type === 'visitors') for (const v of f.visitors) seen.add(v[0]);
      return seen.has(ours.id);
    });
    // A batch later (the list's batches come every second): the other team's visitor never shows.
    theirs.w.client.sendVolatile({ type: 'page', url: 'https://shop.example/invoice' });
    ours.w.client.sendVolatile({ type: 'page', url: 'https://shop.example/plans' });
    await feed.waitFor('visitors', (f) => !f.snapshot && f.visitors.some((v) => v[0] === ours.id && v[2].endsWith('/plans')));
    expect(feed.frames.some((f) => f.type === 'visitors' && f.visitors.some((v) => v[0] === theirs.id))).toBe(false);
    for (const c of [feed, theirs.w, ours.w]) c.close();
  });

  it('a supervisor’s export holds what they see', async () => {
    const r = await fetch(`${s.url}/api/v1/conversations/export?view=all`, { headers: { authorization: `Bearer ${sue}` } });
    expect(r.status).toBe(200);
    const csv = await r.text();
    expect(csv).toContain(c.sales.conversationId);
    expect(csv).toContain(c.none.conversationId);
    expect(csv).not.toContain(c.billing.conversationId);
    const full = await (await fetch(`${s.url}/api/v1/conversations/export?view=all`, { headers: { authorization: `Bearer ${admin}` } })).text();
    expect(full).toContain(c.billing.conversationId);
  });
});
