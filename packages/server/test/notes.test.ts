/**
 * Private notes at the protocol level: they reach the operators following a
 * conversation, live and over HTTP, and never its visitor (not over the
 * WebSocket, not in history, not in a replay after reconnecting), nor an
 * operator of another workspace. They take no message sequence number.
 */
import type { ServerFrame } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { createWorkspace } from '../src/workspace/workspace.service.js';

let s: TestServer;
let admin: string;
let bea: string;
let otherWorkspace: string;
beforeAll(async () => {
  s = await startTestServer();
  admin = await login(s.url);
  await api(s.url, '/api/v1/operators', { token: admin, body: { email: 'bea@example.com', name: 'Bea Bauer', password: 'lantern-orchard-basalt' } });
  bea = await login(s.url, { email: 'bea@example.com', password: 'lantern-orchard-basalt' });
  await createWorkspace(s.app.ctx, { name: 'B', ownerEmail: 'otto@b.test', ownerName: 'Otto', ownerPassword: 'password-b-long', inboxName: 'B site' });
  otherWorkspace = await login(s.url, { email: 'otto@b.test', password: 'password-b-long' });
});
afterAll(() => s.close());

/** A visitor with a conversation (one message), following it. */
async function visitorConversation(first = 'Hello, my order is late') {
  const v = await newVisitor(s.url, s.websiteKey);
  const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  await visitor.waitFor('welcome');
  const ack = await visitor.client.send({ body: first });
  visitor.client.subscribe(ack.conversationId, 0);
  await visitor.waitFor('synced', (f) => f.conversationId === ack.conversationId);
  return { v, visitor, conversationId: ack.conversationId };
}

async function following(token: string, conversationId: string): Promise<TestClient> {
  const c = operatorClient(s.wsUrl, token);
  await c.waitFor('welcome');
  c.client.subscribe(conversationId);
  await c.waitFor('synced', (f) => f.conversationId === conversationId);
  return c;
}

const addNote = (token: string, conversationId: string, body: string, clientId?: string) =>
  api<{ note: { id: string; noteSeq: number; afterSeq: number; body: string; html: string; mentions: { name: string }[] }; duplicate: boolean }>(
    s.url,
    `/api/v1/conversations/${conversationId}/notes`,
    { token, body: { body, ...(clientId ? { clientId } : {}) } },
  );

const mentionsOf = (frames: ServerFrame[], text: string) => frames.filter((f) => JSON.stringify(f).includes(text));

describe('a private note', () => {
  it('reaches the operators following the conversation live, and takes no message sequence number', async () => {
    const { visitor, conversationId } = await visitorConversation();
    const a = await following(admin, conversationId);
    const b = await following(bea, conversationId);
    const r = await addNote(admin, conversationId, 'Refund approved, **do not** promise a date');
    expect(r.status).toBe(201);
    expect(r.body.note).toMatchObject({ noteSeq: 1, afterSeq: 1, body: 'Refund approved, **do not** promise a date' });
    expect(r.body.note.html).toContain('<strong>do not</strong>');
    const live = await b.waitFor('note', (f) => f.note.id === r.body.note.id);
    expect(live.note).toMatchObject({ conversationId, author: { name: 'Admin' }, noteSeq: 1 });
    await a.waitFor('note', (f) => f.note.id === r.body.note.id);

    // The next message is 2: the visitor's stream has no gap and no trace of the note.
    const reply = await a.client.send({ conversationId, body: 'We are on it' });
    expect(reply.seq).toBe(2);
    await visitor.waitFor('message', (f) => f.message.seq === 2);
    expect(mentionsOf(visitor.frames, 'Refund approved')).toEqual([]);
    expect(visitor.frames.map((f) => f.type)).not.toContain('note');
    expect(visitor.messages(conversationId).map((m) => m.seq)).toEqual([1, 2]);
    for (const c of [visitor, a, b]) c.close();
  });

  it('never reaches the visitor in history, in a replay after reconnecting, or over the visitor API', async () => {
    const { v, visitor, conversationId } = await visitorConversation();
    await addNote(admin, conversationId, 'Secret: customer is on the VIP list');
    await api(s.url, `/api/v1/conversations/${conversationId}/messages`, { token: admin, body: { body: 'Hi! Looking now.' } });
    await visitor.waitFor('message', (f) => f.message.seq === 2);
    visitor.close();

    // A new connection replaying everything from the start.
    const again = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    await again.waitFor('welcome');
    again.client.subscribe(conversationId, 0);
    const synced = await again.waitFor('synced', (f) => f.conversationId === conversationId);
    expect(synced.seq).toBe(2);
    expect(again.messages(conversationId).map((m) => m.seq)).toEqual([1, 2]);
    expect(mentionsOf(again.frames, 'VIP')).toEqual([]);

    const visitorAuth = { token: v.visitorToken, headers: { 'x-website-key': s.websiteKey } };
    const history = await api<{ messages: { body: string }[] }>(s.url, `/api/v1/widget/conversations/${conversationId}/messages?after=0`, visitorAuth);
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).not.toContain('VIP');
    const listed = await api(s.url, '/api/v1/widget/conversations', visitorAuth);
    expect(JSON.stringify(listed.body)).not.toContain('VIP');
    // The notes routes are for operators: a visitor's token is no session.
    expect((await api(s.url, `/api/v1/conversations/${conversationId}/notes`, visitorAuth)).status).toBe(401);
    expect((await api(s.url, `/api/v1/conversations/${conversationId}/notes`, { ...visitorAuth, body: { body: 'x' } })).status).toBe(401);
    again.close();
  });

  it('is refused to a visitor connection that asks for the team side, and gives it nothing', async () => {
    const { visitor, conversationId } = await visitorConversation();
    visitor.client.sendVolatile({ type: 'view', conversationId, ref: 'v1' });
    expect(await visitor.waitFor('error', (f) => f.ref === 'v1')).toMatchObject({ code: 'forbidden' });
    visitor.client.sendVolatile({ type: 'activity', ref: 'a1' });
    expect(await visitor.waitFor('error', (f) => f.ref === 'a1')).toMatchObject({ code: 'forbidden' });
    const a = await following(admin, conversationId);
    a.client.sendVolatile({ type: 'view', conversationId });
    await a.waitFor('viewers', (f) => f.viewers.length === 1);
    await addNote(admin, conversationId, 'Only for the team');
    await a.waitFor('note');
    // A marker after both: had the visitor been sent them, they would have come before it.
    await a.client.send({ conversationId, body: 'marker' });
    await visitor.waitFor('message', (f) => f.message.body === 'marker');
    expect(visitor.frames.filter((f) => ['note', 'viewers', 'draft', 'mention'].includes(f.type))).toEqual([]);
    visitor.close();
    a.close();
  });

  it('is out of reach of an operator of another workspace, over HTTP and WebSocket', async () => {
    const { visitor, conversationId } = await visitorConversation();
    const outsider = operatorClient(s.wsUrl, otherWorkspace);
    await outsider.waitFor('welcome');
    outsider.client.sendVolatile({ type: 'subscribe', conversationId, ref: 'sub' });
    expect(await outsider.waitFor('error', (f) => f.ref === 'sub')).toMatchObject({ code: 'not_found' });
    outsider.client.sendVolatile({ type: 'view', conversationId, ref: 'view' });
    expect(await outsider.waitFor('error', (f) => f.ref === 'view')).toMatchObject({ code: 'not_found' });
    const base = `/api/v1/conversations/${conversationId}`;
    expect((await api(s.url, `${base}/notes`, { token: otherWorkspace })).status).toBe(404);
    expect((await api(s.url, `${base}/notes`, { token: otherWorkspace, body: { body: 'sneaky note' } })).status).toBe(404);
    expect((await api(s.url, `${base}/mentions/seen`, { token: otherWorkspace, body: {} })).status).toBe(404);
    await addNote(admin, conversationId, 'Team of A only');
    // Its own room gets something later: anything of A's note would have come first.
    outsider.client.sendVolatile({ type: 'ping', ref: 'after' });
    await outsider.waitFor('pong', (f) => f.ref === 'after');
    expect(mentionsOf(outsider.frames, 'Team of A only')).toEqual([]);
    expect(outsider.frames.some((f) => f.type !== 'error' && JSON.stringify(f).includes(conversationId))).toBe(false);
    expect((await s.app.ctx.db.selectFrom('notes').select('id').where('body', '=', 'sneaky note').execute()).length).toBe(0);
    visitor.close();
    outsider.close();
  });
});

describe('notes over HTTP', () => {
  it('are paged oldest first after a note number, numbered without gaps even when written at once', async () => {
    const { visitor, conversationId } = await visitorConversation();
    const written = await Promise.all([1, 2, 3, 4, 5].map((i) => addNote(i % 2 ? admin : bea, conversationId, `Note ${i}`)));
    expect(written.map((w) => w.status)).toEqual([201, 201, 201, 201, 201]);
    expect(written.map((w) => w.body.note.noteSeq).sort()).toEqual([1, 2, 3, 4, 5]);
    type Page = { items: { noteSeq: number; body: string; html: string }[]; hasMore: boolean };
    const page = (after: number) => api<Page>(s.url, `/api/v1/conversations/${conversationId}/notes?after=${after}&limit=2`, { token: bea });
    const first = await page(0);
    expect(first.body).toMatchObject({ hasMore: true, items: [{ noteSeq: 1 }, { noteSeq: 2 }] });
    expect((await page(2)).body).toMatchObject({ hasMore: true, items: [{ noteSeq: 3 }, { noteSeq: 4 }] });
    expect((await page(4)).body).toMatchObject({ hasMore: false, items: [{ noteSeq: 5 }] });
    expect((await page(5)).body).toEqual({ hasMore: false, items: [] });
    visitor.close();
  });

  it('store once per client id, render markup as text, and refuse an empty note', async () => {
    const { visitor, conversationId } = await visitorConversation();
    const a = await addNote(admin, conversationId, '<img src=x onerror=alert(1)>', 'note-once-1');
    const b = await addNote(admin, conversationId, '<img src=x onerror=alert(1)>', 'note-once-1');
    expect(b.body).toMatchObject({ duplicate: true, note: { id: a.body.note.id, noteSeq: a.body.note.noteSeq } });
    expect(a.body.note.html).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>');
    const empty = await api<{ error: { code: string } }>(s.url, `/api/v1/conversations/${conversationId}/notes`, { token: admin, body: { body: '   ' } });
    expect(empty).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } });
    expect((await api(s.url, '/api/v1/conversations/nope/notes', { token: admin })).status).toBe(404);
    visitor.close();
  });
});
