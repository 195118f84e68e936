/**
 * GET /api/v1/search over HTTP: an operator of team Sales finds the messages
 * and contacts of Sales, of no team and assigned to them, never Billing's
 * (the rule is in the SQL, so pages stay full and exact); filters narrow;
 * pages follow their cursor; bad input is refused, never an SQL error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import type { SearchResult } from '../src/search/search.schemas.js';

describe('search over HTTP', () => {
  let s: TestServer;
  let admin: string;
  let ana: string;
  const ids: Record<string, string> = {};
  const conv = {} as Record<'sales' | 'billing' | 'none' | 'mine', string>;
  const contact = {} as Record<'sales' | 'billing' | 'none' | 'mine', string>;
  let labelId = '';

  const search = async (token: string, query: string) => {
    const r = await api<SearchResult>(s.url, `/api/v1/search?${query}`, { token });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const convsOf = (r: SearchResult) => [...new Set(r.messages?.items.map((h) => h.conversationId))].sort();

  beforeAll(async () => {
    s = await startTestServer();
    admin = await login(s.url);
    for (const [name, role] of [
      ['ana', 'operator'],
      ['ben', 'operator'],
    ] as const) {
      const creds = { email: `${name}-search@example.com`, password: 'lantern-orchard-basalt' };
      ids[name] = (await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', { token: admin, body: { ...creds, name, role } })).body.operator.id;
    }
    ana = await login(s.url, { email: 'ana-search@example.com', password: 'lantern-orchard-basalt' });
    ids.sales = (await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name: 'Sales', memberIds: [ids.ana!] } })).body.id;
    ids.billing = (await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name: 'Billing', memberIds: [ids.ben!] } })).body.id;
    const place = async (key: keyof typeof conv, teamId: string | null, assignee?: string) => {
      const v = await newVisitor(s.url, s.websiteKey);
      const w = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
      await w.waitFor('welcome');
      const { conversationId } = await w.client.send({ body: `The parcel for ${key} never arrived` });
      w.close();
      const r = await api<{ contactId: string }>(s.url, '/api/v1/widget/identify', {
        token: v.visitorToken,
        headers: { 'x-website-key': s.websiteKey },
        body: { name: `Quokka ${key}`, email: `${key}-quokka@example.com` },
      });
      if (teamId) await api(s.url, `/api/v1/conversations/${conversationId}/team`, { token: admin, body: { teamId } });
      if (assignee) await api(s.url, `/api/v1/conversations/${conversationId}/assign`, { token: admin, body: { operatorId: assignee } });
      conv[key] = conversationId;
      contact[key] = r.body.contactId;
    };
    await place('sales', ids.sales);
    await place('billing', ids.billing);
    await place('none', null);
    await place('mine', ids.billing, ids.ana);
    labelId = (await api<{ id: string }>(s.url, '/api/v1/labels', { token: admin, body: { name: 'Lost parcel' } })).body.id;
    await api(s.url, `/api/v1/conversations/${conv.none}/labels`, { token: admin, body: { add: [labelId] } });
    await api(s.url, `/api/v1/conversations/${conv.billing}/notes`, { token: admin, body: { body: 'Parcel refund approved by finance' } });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows an operator only the messages, notes and contacts of conversations they may see', async () => {
    const all = await search(admin, 'q=parcel');
    expect(convsOf(all)).toEqual(Object.values(conv).sort());
    expect(all.messages?.items.find((h) => h.kind === 'note')?.conversationId).toBe(conv.billing);
    const mine = await search(ana, 'q=parcel');
    expect(convsOf(mine)).toEqual([conv.sales, conv.none, conv.mine].sort());
    expect(mine.messages?.items.some((h) => h.kind === 'note')).toBe(false);
    const quokkas = await search(ana, 'q=quokka&kind=contacts');
    expect(quokkas.messages).toBeNull();
    expect(quokkas.contacts?.items.map((h) => h.id).sort()).toEqual([contact.sales, contact.none, contact.mine].sort());
    expect((await search(admin, 'q=quokka&kind=contacts')).contacts?.items).toHaveLength(4);
  });

  it('highlights the matched words as ranges of plain text', async () => {
    const r = await search(admin, `q=${encodeURIComponent('PARCEL sales')}&kind=messages`);
    const hit = r.messages?.items[0];
    expect(hit?.conversationId).toBe(conv.sales);
    expect(hit?.snippet).toEqual({
      text: 'The parcel for sales never arrived',
      ranges: [
        [4, 10],
        [15, 20],
      ],
    });
    const c = (await search(admin, 'q=quokka%20billing&kind=contacts')).contacts?.items[0];
    expect(c?.name).toEqual({
      text: 'Quokka billing',
      ranges: [
        [0, 6],
        [7, 14],
      ],
    });
  });

  it('filters by team, label, operator and status', async () => {
    expect(convsOf(await search(admin, `q=parcel&teamId=${ids.sales}`))).toEqual([conv.sales]);
    expect(convsOf(await search(admin, `q=parcel&labelId=${labelId}`))).toEqual([conv.none]);
    expect(convsOf(await search(admin, `q=parcel&operatorId=${ids.ana}`))).toEqual([conv.mine]);
    // Ana asking for Billing's team gets only what she may see of it.
    expect(convsOf(await search(ana, `q=parcel&teamId=${ids.billing}`))).toEqual([conv.mine]);
    await api(s.url, `/api/v1/conversations/${conv.sales}/status`, { token: admin, body: { status: 'resolved' } });
    expect(convsOf(await search(admin, 'q=parcel&status=resolved'))).toEqual([conv.sales]);
    expect((await search(admin, `q=parcel&teamId=${ids.sales}`)).contacts).toBeNull();
    expect((await search(admin, 'q=parcel&from=0&to=1')).messages?.items).toEqual([]);
  });

  it('pages with a cursor, each hit once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: SearchResult = await search(admin, `q=parcel&kind=messages&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...(r.messages?.items.map((h) => h.id) ?? []));
      cursor = r.messages?.nextCursor ?? null;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it('finds articles, drafts too, for every operator; omitted with conversation filters or a label', async () => {
    const art = await api<{ id: string; url: string }>(s.url, '/api/v1/articles', {
      token: admin,
      body: { title: 'Lost parcel claims', slug: 'lost-parcel-claims', body: 'When a parcel is lost, we refund it.' },
    });
    expect(art.status).toBe(201);
    const r = await search(ana, 'q=parcel');
    expect(r.articles?.items.map((h) => [h.id, h.state, h.url])).toEqual([[art.body.id, 'draft', art.body.url]]);
    expect(r.articles?.items[0]?.title).toEqual({ text: 'Lost parcel claims', ranges: [[5, 11]] });
    const only = await search(ana, 'q=parcel&kind=articles');
    expect(only.messages).toBeNull();
    expect(only.contacts).toBeNull();
    expect(only.articles?.items).toHaveLength(1);
    expect((await search(admin, 'q=parcel&kind=messages')).articles).toBeNull();
    expect((await search(admin, `q=parcel&teamId=${ids.sales}`)).articles).toBeNull();
    expect((await search(admin, `q=parcel&labelId=${labelId}`)).articles).toBeNull();
  });

  it('refuses bad input and takes query syntax as plain words', async () => {
    for (const q of ['', 'q=', 'q=x&kind=notes', 'q=x&cursor=abc&kind=messages', 'q=x&cursor=2', 'q=x&from=soon', `q=${'x'.repeat(201)}`]) {
      const r = await api<{ error: { code: string } }>(s.url, `/api/v1/search?${q}`, { token: admin });
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
    }
    for (const q of ['"', '(parcel', 'parcel*', 'NEAR(parcel never)', "parcel' OR 1=1 --", 'parcel:* & !x']) {
      const r = await search(admin, `q=${encodeURIComponent(q)}`);
      expect(r.messages).not.toBeNull();
    }
    expect((await api(s.url, '/api/v1/search?q=parcel')).status).toBe(401);
  });
});
