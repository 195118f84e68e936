/**
 * The scenario of the team-scoped realtime feed, run on one node (SQLite) and
 * on two nodes (PostgreSQL and Redis): a console of team A receives no frame
 * at all about a conversation of team B (summaries, messages, notes, typing,
 * its contact),
 * only the summary that drops it from its lists when it leaves A's sight; it
 * cannot follow it; and when the conversation moves to team A, A's console
 * sees it appear while B's console drops it and stops following it.
 */
import { expect } from 'vitest';
import type { ServerFrame } from '@switchboard/protocol';
import { newVisitor, operatorClient, type TestClient, until, visitorClient } from '../../../test/support/clients.js';
import { api, login } from '../../../test/support/server.js';

export interface Nodes {
  /** Where the admin, the visitors and Ben (team B) connect. */
  a: { url: string; wsUrl: string };
  /** Where Ana (team A) connects: another node when there are two. */
  b: { url: string; wsUrl: string };
  admin: { email: string; password: string };
}

const mentions = (f: ServerFrame, id: string) => JSON.stringify(f).includes(id);

export async function teamFeedScenario({ a, b, admin: creds }: Nodes): Promise<void> {
  const admin = await login(a.url, creds);
  const password = 'lantern-orchard-basalt';
  const ids: Record<string, string> = {};
  for (const [name, role] of [
    ['ana', 'operator'],
    ['ben', 'operator'],
  ] as const) {
    const r = await api<{ operator: { id: string } }>(a.url, '/api/v1/operators', {
      token: admin,
      body: { email: `${name}-feed@example.com`, name, role, password },
    });
    ids[name] = r.body.operator.id;
  }
  const teamA = (await api<{ id: string }>(a.url, '/api/v1/teams', { token: admin, body: { name: 'Sales', memberIds: [ids.ana] } })).body.id;
  const teamB = (await api<{ id: string }>(a.url, '/api/v1/teams', { token: admin, body: { name: 'Billing', memberIds: [ids.ben] } })).body.id;
  const websiteKey = (await api<{ items: { websiteKey: string }[] }>(a.url, '/api/v1/inboxes', { token: admin })).body.items[0]!.websiteKey;

  const ana = operatorClient(b.wsUrl, await login(b.url, { email: 'ana-feed@example.com', password }));
  const ben = operatorClient(a.wsUrl, await login(a.url, { email: 'ben-feed@example.com', password }));
  const adminConsole = operatorClient(a.wsUrl, admin);
  for (const c of [ana, ben, adminConsole]) await c.waitFor('welcome');

  // A conversation starts with no team (every console hears of it), then goes to team B.
  const v = await newVisitor(a.url, websiteKey);
  const visitor = visitorClient(a.wsUrl, websiteKey, v.visitorToken);
  await visitor.waitFor('welcome');
  const { conversationId: billing } = await visitor.client.send({ body: 'My invoice is wrong' });
  visitor.client.subscribe(billing, 0);
  await visitor.waitFor('synced');
  await ana.waitFor('conversation', (f) => f.conversation.id === billing);
  expect((await api(a.url, `/api/v1/conversations/${billing}/team`, { token: admin, body: { teamId: teamB } })).status).toBe(200);
  // What drops it from Ana's lists: its summary, now of a team she is not in. Nothing about it after that.
  await ana.waitFor('conversation', (f) => f.conversation.id === billing && f.conversation.teamId === teamB);
  const from = ana.frames.length;

  ben.client.subscribe(billing, 0);
  await ben.waitFor('synced', (f) => f.conversationId === billing);
  adminConsole.client.subscribe(billing, 0);
  await adminConsole.waitFor('synced', (f) => f.conversationId === billing);
  // Ana cannot follow it: not found, as if it did not exist.
  const refused = await rawFollow(ana, billing);
  expect(refused).toBe('not_found');

  // Everything that happens in it: the visitor types and writes, an operator types, replies and writes a note.
  visitor.client.sendVolatile({ type: 'typing', conversationId: billing, typing: true });
  await visitor.client.send({ conversationId: billing, body: 'It says 40 instead of 20' });
  adminConsole.client.sendVolatile({ type: 'typing', conversationId: billing, typing: true });
  await api(a.url, `/api/v1/conversations/${billing}/messages`, { token: admin, body: { body: 'Let me check' } });
  await api(a.url, `/api/v1/conversations/${billing}/notes`, { token: admin, body: { body: 'Refund @ben' } });
  await api(a.url, `/api/v1/conversations/${billing}/status`, { token: admin, body: { status: 'pending' } });
  // The visitor becomes a contact, which an admin edits: the contact is Billing's too.
  const identified = await api<{ contactId: string }>(a.url, '/api/v1/widget/identify', {
    token: v.visitorToken,
    headers: { 'x-website-key': websiteKey },
    body: { name: 'Noor', email: 'noor-feed@example.com' },
  });
  const contactId = identified.body.contactId;
  const patched = await api(a.url, `/api/v1/contacts/${contactId}`, { method: 'PATCH', token: admin, body: { company: 'Noor & Co' } });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  await ben.waitFor('contact', (f) => f.contact.id === contactId);
  await ben.waitFor('note', (f) => f.note.conversationId === billing);
  await ben.waitFor('typing', (f) => f.conversationId === billing && f.author.kind === 'visitor');
  await ben.waitFor('conversation', (f) => f.conversation.id === billing && f.conversation.status === 'pending');
  // A conversation of Ana's team meanwhile: her feed is live, and the batch after Billing's changes has come.
  const v2 = await newVisitor(a.url, websiteKey);
  const visitor2 = visitorClient(a.wsUrl, websiteKey, v2.visitorToken);
  await visitor2.waitFor('welcome');
  const { conversationId: sales } = await visitor2.client.send({ body: 'A question about plans' });
  await api(a.url, `/api/v1/conversations/${sales}/team`, { token: admin, body: { teamId: teamA } });
  await ana.waitFor('conversation', (f) => f.conversation.id === sales && f.conversation.teamId === teamA);
  expect(ana.frames.slice(from).filter((f) => mentions(f, billing) || mentions(f, contactId))).toEqual([]);

  // Moved to team A: it appears for Ana; Ben's console drops it and no longer follows it.
  await api(a.url, `/api/v1/conversations/${billing}/team`, { token: admin, body: { teamId: teamA } });
  await ana.waitFor('conversation', (f) => f.conversation.id === billing && f.conversation.teamId === teamA);
  await ben.waitFor('conversation', (f) => f.conversation.id === billing && f.conversation.teamId === teamA);
  await ben.waitFor('error', (f) => f.code === 'not_found');
  const benFrom = ben.frames.length;
  ana.client.subscribe(billing, 0);
  await ana.waitFor('synced', (f) => f.conversationId === billing);
  await visitor.client.send({ conversationId: billing, body: 'Any news?' });
  await ana.waitFor('message', (f) => f.message.body === 'Any news?');
  await until(() => adminConsole.frames.some((f) => f.type === 'message' && f.message.body === 'Any news?'));
  expect(ben.frames.slice(benFrom).filter((f) => f.type === 'message' || f.type === 'note' || f.type === 'typing')).toEqual([]);

  // Ben joins team A: his console hears of it again at once (`access`), without reconnecting.
  await api(a.url, `/api/v1/teams/${teamA}/members`, { token: admin, body: { operatorId: ids.ben } });
  const access = await ben.waitFor('access', (f) => f.teamIds.includes(teamA));
  expect(access.teamIds.sort()).toEqual([teamA, teamB].sort());
  await api(a.url, `/api/v1/conversations/${billing}/status`, { token: admin, body: { status: 'open' } });
  await ben.waitFor('conversation', (f) => f.conversation.id === billing && f.conversation.status === 'open');

  // Ana leaves Sales: the Sales conversation she follows stops, and leaves her lists; made an admin, she sees everything again.
  await api(a.url, `/api/v1/teams/${teamA}/members/${ids.ana}`, { method: 'DELETE', token: admin });
  expect((await ana.waitFor('access', (f) => f.teamIds.length === 0)).role).toBe('operator');
  await ana.waitFor('error', (f) => f.code === 'not_found' && !f.ref);
  await api(a.url, `/api/v1/operators/${ids.ana}`, { method: 'PATCH', token: admin, body: { role: 'admin' } });
  await ana.waitFor('access', (f) => f.role === 'admin');
  await api(a.url, `/api/v1/conversations/${billing}/status`, { token: admin, body: { status: 'resolved' } });
  await ana.waitFor('conversation', (f) => f.conversation.id === billing && f.conversation.status === 'resolved');

  for (const c of [ana, ben, adminConsole, visitor, visitor2]) c.close();
}

/** Subscribes without the client's bookkeeping: resolves with the refusal's code, or 'synced'. */
async function rawFollow(c: TestClient, conversationId: string): Promise<string> {
  const ref = `follow-${Math.random().toString(36).slice(2)}`;
  c.client.sendVolatile({ type: 'subscribe', conversationId, ref });
  const answer = await Promise.race([
    c.waitFor('error', (f) => f.ref === ref),
    c.waitFor('synced', (f) => f.conversationId === conversationId && f.ref === ref),
  ]);
  return answer.type === 'error' ? answer.code : 'synced';
}
