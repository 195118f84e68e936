/**
 * The widget's experience over HTTP and the realtime protocol, on a real
 * server: the session in the visitor's language with the team's look, ending
 * and rating (validation, permissions, operators seeing it live), New
 * conversation frames, transcripts and their signed file links, operators'
 * pictures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, rawClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { png } from '../../../test/support/widget-page.js';
import { PROTOCOL_VERSION } from '@switchboard/protocol';
import { signedAttachmentPath } from '../src/attachment/signed-link.js';

let s: TestServer;
let token: string;
let inboxId: string;
let me: { id: string };
/** The owner's picture, set before any session is answered (the widget's roster is read at most once a minute). */
let picture: string;

beforeAll(async () => {
  s = await startTestServer({ env: { UPLOAD_RATE_LIMIT: '100' } });
  token = await login(s.url);
  inboxId = (await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token })).body.items[0]!.id;
  me = (await api<{ id: string }>(s.url, '/api/v1/auth/me', { token })).body;
  picture = (await uploadAvatar(png(8, 8))).body.avatarUrl as string;
});
afterAll(() => s.close());

const setInbox = async (settings: Record<string, unknown>) => {
  const r = await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token, body: { settings } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
};
const asVisitor = (visitorToken: string) => ({ authorization: `Bearer ${visitorToken}`, 'x-website-key': s.websiteKey });

/** A visitor who wrote once; their conversation. */
async function visitorWithConversation(text = 'Hello') {
  const v = await newVisitor(s.url, s.websiteKey);
  const c = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  await c.waitFor('welcome');
  const ack = await c.client.send({ body: text });
  return { ...v, client: c, conversationId: ack.conversationId };
}

async function uploadAvatar(data: Buffer, name = 'me.png') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), name);
  const res = await fetch(`${s.url}/api/v1/auth/me/avatar`, { method: 'PUT', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: (await res.json()) as { avatarUrl?: string; error?: { code: string } } };
}

describe('the session in the visitor’s language', () => {
  it('gives the greeting and team name written for that language, else the default ones', async () => {
    await setInbox({
      greeting: 'Hi there!',
      teamName: 'Support',
      translations: { de: { greeting: 'Hallo! Wie können wir helfen?', teamName: 'Kundendienst' } },
    });
    const session = (language?: string) =>
      api<{ inbox: { greeting: string; teamName: string; language: string } }>(s.url, '/api/v1/widget/session', {
        body: { websiteKey: s.websiteKey, ...(language ? { language } : {}) },
      });
    expect((await session('de')).body.inbox).toMatchObject({ greeting: 'Hallo! Wie können wir helfen?', teamName: 'Kundendienst', language: 'auto' });
    expect((await session('fr')).body.inbox).toMatchObject({ greeting: 'Hi there!', teamName: 'Support' });
    expect((await session()).body.inbox).toMatchObject({ greeting: 'Hi there!', teamName: 'Support' });
    expect((await session('xx')).status).toBe(400);
    // An inbox that kept the default greeting greets each visitor in their language.
    await setInbox({ greeting: 'Hi there! How can we help?', translations: {} });
    expect((await session('de')).body.inbox.greeting).toBe('Hallo! Wie können wir helfen?');
    expect((await session('ar')).body.inbox.greeting).toBe('مرحبًا! كيف يمكننا مساعدتك؟');
    expect((await session('en')).body.inbox.greeting).toBe('Hi there! How can we help?');
  });

  it('refuses settings it cannot use, saying why', async () => {
    const bad = async (settings: Record<string, unknown>) =>
      (
        await api<{ error: { details: { path: string; message: string }[] } }>(s.url, `/api/v1/inboxes/${inboxId}`, {
          method: 'PATCH',
          token,
          body: { settings },
        })
      ).body.error.details[0];
    expect(await bad({ language: 'pt' })).toMatchObject({ path: 'settings.language', message: expect.stringContaining('auto') });
    expect(await bad({ translations: { pt: { greeting: 'Olá' } } })).toMatchObject({ path: expect.stringMatching(/^settings\.translations/) });
    expect(await bad({ replyTime: 'soon' })).toMatchObject({ path: 'settings.replyTime' });
    expect(await bad({ translations: { de: { greeting: 'x'.repeat(501) } } })).toMatchObject({ message: 'Keep the greeting under 500 characters' });
  });

  it('says how soon the team replies and who answers: online operators first, with their pictures', async () => {
    await setInbox({ replyTime: 'hour', showAvatars: true });
    const console = operatorClient(s.wsUrl, token);
    await console.waitFor('welcome');
    const r = await api<{ inbox: { replyTime: unknown; team: { name: string; avatarUrl: string | null }[]; avatars: Record<string, string> } }>(
      s.url,
      '/api/v1/widget/session',
      { body: { websiteKey: s.websiteKey } },
    );
    console.close();
    expect(r.body.inbox.replyTime).toEqual({ kind: 'hour', ms: null });
    expect(r.body.inbox.team).toContainEqual({ name: 'Admin', avatarUrl: picture });
    expect(r.body.inbox.avatars[me.id]).toBe(picture);
    await setInbox({ showAvatars: false, replyTime: 'off' });
    const off = await api<{ inbox: { replyTime: unknown; team: unknown[]; avatars: object } }>(s.url, '/api/v1/widget/session', {
      body: { websiteKey: s.websiteKey },
    });
    expect([off.body.inbox.replyTime, off.body.inbox.team, off.body.inbox.avatars]).toEqual([null, [], {}]);
    await setInbox({ showAvatars: true });
  });
});

describe('End chat and the rating', () => {
  it('lets the visitor end and rate their own conversation, refuses bad ratings in words, and operators see it live', async () => {
    const v = await visitorWithConversation('Where is my parcel?');
    const console = operatorClient(s.wsUrl, token);
    await console.waitFor('welcome');
    console.client.subscribe(v.conversationId);
    await console.waitFor('synced', (f) => f.conversationId === v.conversationId);

    const ended = await api<{ conversation: { status: string } }>(s.url, `/api/v1/widget/conversations/${v.conversationId}/end`, {
      method: 'POST',
      headers: asVisitor(v.visitorToken),
    });
    expect(ended.status).toBe(200);
    expect(ended.body.conversation.status).toBe('resolved');
    await console.waitFor('message', (f) => f.message.event?.type === 'status' && f.message.event.by === 'visitor');

    const rate = (body: unknown, headers = asVisitor(v.visitorToken), id = v.conversationId) =>
      api<{ error?: { code: string; details: { path: string; message: string }[] } }>(s.url, `/api/v1/widget/conversations/${id}/rating`, {
        method: 'PUT',
        headers,
        body,
      });
    for (const bad of [{ rating: 6 }, { rating: 0 }, { rating: 2.5 }, { rating: '4' }, {}]) {
      const r = await rate(bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body.error?.details[0]).toMatchObject({ path: 'rating', message: 'Choose a rating from 1 to 5' });
    }
    expect((await rate({ rating: 4, comment: 'x'.repeat(1001) })).body.error?.details[0]?.message).toBe('Keep the comment under 1,000 characters');
    // Only its visitor: an operator's token is no visitor's, another visitor finds nothing.
    expect((await rate({ rating: 4 }, { authorization: `Bearer ${token}`, 'x-website-key': s.websiteKey })).status).toBe(401);
    const other = await newVisitor(s.url, s.websiteKey);
    expect((await rate({ rating: 4 }, asVisitor(other.visitorToken))).status).toBe(404);

    expect((await rate({ rating: 4, comment: 'Great help' })).status).toBe(200);
    const line = await console.waitFor('message', (f) => f.message.event?.type === 'rating');
    expect(line.message.body).toBe('Rated 4 out of 5: “Great help”');
    const summary = await console.waitFor('conversation', (f) => f.conversation.id === v.conversationId && f.conversation.rating === 4);
    expect(summary.conversation.status).toBe('resolved');
    const listed = await api<{ rating: number }>(s.url, `/api/v1/conversations/${v.conversationId}`, { token });
    expect(listed.body.rating).toBe(4);
    console.close();
    v.client.close();
  });
});

describe('New conversation over the protocol', () => {
  it('starts one per client id, and refuses the flag with a conversation id or from an operator', async () => {
    const v = await visitorWithConversation('First topic');
    const raw = await rawClient(s.wsUrl);
    raw.send({ type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'visitor', websiteKey: s.websiteKey, visitorToken: v.visitorToken } });
    await raw.next('welcome');
    const frame = { type: 'send', clientId: 'new-topic-1', body: 'Second topic', newConversation: true };
    raw.send({ ...frame, ref: 'a' });
    const a = await raw.next('ack', (f) => f.ref === 'a');
    raw.send({ ...frame, ref: 'b' });
    const b = await raw.next('ack', (f) => f.ref === 'b');
    expect(a.conversationId).not.toBe(v.conversationId);
    expect([b.conversationId, b.messageId, b.duplicate]).toEqual([a.conversationId, a.messageId, true]);
    raw.send({ ...frame, clientId: 'new-topic-2', conversationId: v.conversationId, ref: 'c' });
    expect((await raw.next('error', (f) => f.ref === 'c')).code).toBe('bad_frame');
    const list = await api<{ items: { id: string }[]; nextCursor: string | null }>(s.url, '/api/v1/widget/conversations?limit=1', {
      headers: asVisitor(v.visitorToken),
    });
    expect(list.body.items.map((c) => c.id)).toEqual([a.conversationId]);
    const next = await api<{ items: { id: string }[] }>(s.url, `/api/v1/widget/conversations?limit=1&cursor=${list.body.nextCursor}`, {
      headers: asVisitor(v.visitorToken),
    });
    expect(next.body.items.map((c) => c.id)).toEqual([v.conversationId]);
    raw.ws.close();

    const op = await rawClient(s.wsUrl);
    op.send({ type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'operator', token } });
    await op.next('welcome');
    op.send({ type: 'send', clientId: 'op-new', body: 'Hi', newConversation: true, ref: 'd' });
    expect((await op.next('error', (f) => f.ref === 'd')).code).toBe('bad_frame');
    op.ws.close();
    v.client.close();
  });
});

describe('transcripts and their links', () => {
  it('downloads for the visitor and the team, with file links that work signed and only signed', async () => {
    const v = await visitorWithConversation('Here is the receipt');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png(4, 4))]), 'receipt.png');
    const up = await fetch(`${s.url}/api/v1/conversations/${v.conversationId}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    const attachment = (await up.json()) as { id: string };
    await api(s.url, `/api/v1/conversations/${v.conversationId}/messages`, { token, body: { body: 'Thanks, got it', attachmentIds: [attachment.id] } });

    const mine = await fetch(`${s.url}/api/v1/widget/conversations/${v.conversationId}/transcript?format=html&language=fr`, {
      headers: asVisitor(v.visitorToken),
    });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(mine.headers.get('content-disposition')).toMatch(/^attachment; filename="transcript-\d{4}-\d{2}-\d{2}\.html"$/);
    const html = await mine.text();
    expect(html).toContain('Transcription du chat');
    expect(html).toContain('Here is the receipt');
    const link = /href="([^"]+\/signed\?[^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    expect(link).toMatch(new RegExp(`^${s.url}/api/v1/attachments/${attachment.id}/signed\\?expires=\\d+&signature=`));

    // Opened later, outside the chat: no token, no cookie.
    const file = await fetch(link!);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(png(4, 4));
    const tampered = new URL(link!);
    tampered.searchParams.set('expires', String(Number(tampered.searchParams.get('expires')) + 1));
    expect((await fetch(tampered)).status).toBe(404);
    const otherFile = new URL(link!.replace(attachment.id, 'AAAAAAAAAAAAAAAAAAAA'));
    expect((await fetch(otherFile)).status).toBe(404);
    const past = Date.now() - 1000;
    const expired = await signedAttachmentPath({ db: s.app.ctx.db, now: () => past }, attachment.id, past);
    expect((await fetch(`${s.url}${expired}`)).status).toBe(404);

    const team = await fetch(`${s.url}/api/v1/conversations/${v.conversationId}/transcript?format=text&timeZone=Asia/Tokyo`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await team.text();
    expect(team.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(text).toContain('Admin: Thanks, got it');
    expect(text).toContain('Attachment: receipt.png <http');
    expect(text).toContain('(Asia/Tokyo)');
    // Not another visitor's.
    const other = await newVisitor(s.url, s.websiteKey);
    expect((await fetch(`${s.url}/api/v1/widget/conversations/${v.conversationId}/transcript`, { headers: asVisitor(other.visitorToken) })).status).toBe(404);
    v.client.close();
  });
});

describe('operators’ pictures', () => {
  it('takes images only, up to 1 MB, behind a random address that changes with each upload', async () => {
    expect((await uploadAvatar(Buffer.from('just some text'), 'a.png')).body.error?.code).toBe('unsupported_media_type');
    const big = Buffer.concat([png(8, 8), Buffer.alloc(1024 * 1024)]);
    expect((await uploadAvatar(big)).status).toBe(413);
    const first = (await uploadAvatar(png(8, 8))).body.avatarUrl!;
    const second = (await uploadAvatar(png(9, 9))).body.avatarUrl!;
    expect(first).not.toBe(second);
    for (const url of [first, second]) {
      expect(url).toMatch(/^\/api\/v1\/avatars\/[A-Za-z0-9_-]{24}$/);
      expect(url).not.toContain(me.id);
    }
    expect((await fetch(`${s.url}${first}`)).status).toBe(404);
    const shown = await fetch(`${s.url}${second}`);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('image/png');
    expect(shown.headers.get('cache-control')).toContain('immutable');
    expect((await api<{ avatarUrl: string }>(s.url, '/api/v1/auth/me', { token })).body.avatarUrl).toBe(second);
    expect((await api(s.url, '/api/v1/auth/me/avatar', { method: 'DELETE', token })).status).toBe(204);
    expect((await api<{ avatarUrl: string | null }>(s.url, '/api/v1/auth/me', { token })).body.avatarUrl).toBeNull();
    expect((await fetch(`${s.url}${second}`)).status).toBe(404);
  });
});
