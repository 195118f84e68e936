/**
 * The inbox side of identity verification: the secret is answered once and
 * never again (not in inbox answers, not in logs), an inbox may require
 * verified visitors (refused with `identity_required`), identities never
 * cross workspaces, and identification is rate-limited per visitor.
 */
import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { createWorkspace } from '../src/workspace/workspace.service.js';

const hmac = (secret: string, id: string) => createHmac('sha256', secret).update(id).digest('hex');
const logs: string[] = [];
const logger = pino(
  { level: 'debug' },
  new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  }),
);

let s: TestServer;
let admin: string;
let inboxId: string;
beforeAll(async () => {
  s = await startTestServer({ deps: { logger } });
  admin = await login(s.url);
  inboxId = (await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token: admin })).body.items[0]!.id;
});
afterAll(() => s?.close());

async function visitor(websiteKey = s.websiteKey) {
  const v = await newVisitor(s.url, websiteKey);
  const identify = (body: Record<string, unknown>) =>
    api<{ contactId: string; verified: boolean; conversations: { id: string }[]; error?: { code: string } }>(s.url, '/api/v1/widget/identify', {
      token: v.visitorToken,
      headers: { 'x-website-key': websiteKey },
      body,
    });
  return { ...v, websiteKey, identify };
}
const rotate = (token: string, id = inboxId) =>
  api<{ secret: string; createdAt: number; error?: { code: string } }>(s.url, `/api/v1/inboxes/${id}/identity-secret`, { token, body: {} });
const setInbox = async (settings: Record<string, unknown>) => {
  const r = await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token: admin, body: { settings } });
  expect(r.status).toBe(200);
};

describe('the identity secret', () => {
  it('is answered once, when made: inbox answers say only since when one is set, and logs never carry it', async () => {
    const before = await api<{ identitySecretSetAt: number | null }>(s.url, `/api/v1/inboxes/${inboxId}`, { token: admin });
    expect(before.body.identitySecretSetAt).toBeNull();
    const res = await fetch(`${s.url}/api/v1/inboxes/${inboxId}/identity-secret`, { method: 'POST', headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const made = (await res.json()) as { secret: string; createdAt: number };
    expect(made.secret).toMatch(/^ids_[0-9a-f]{64}$/);

    const one = await api<{ identitySecretSetAt: number | null }>(s.url, `/api/v1/inboxes/${inboxId}`, { token: admin });
    expect(one.body.identitySecretSetAt).toBe(made.createdAt);
    const all = await api(s.url, '/api/v1/inboxes', { token: admin });
    const session = await api(s.url, '/api/v1/widget/session', { body: { websiteKey: s.websiteKey } });
    for (const answer of [one.body, all.body, session.body]) expect(JSON.stringify(answer)).not.toContain(made.secret);

    // A valid and a wrong hash: the wrong one is logged at info, without the secret, the hash or the id.
    const v = await visitor();
    const id = 'customer-8812';
    expect((await v.identify({ id, hash: hmac(made.secret, id) })).body.verified).toBe(true);
    const forged = hmac('guess', id);
    expect((await v.identify({ id, hash: forged })).body.verified).toBe(false);
    const lines = logs.map((l) => JSON.parse(l) as { level: number; msg: string; visitorId?: string });
    expect(lines.find((l) => l.msg.includes('identity hash not valid'))).toMatchObject({ level: 30, visitorId: v.visitorId });
    const text = logs.join('\n');
    for (const never of [made.secret, made.secret.slice(4), forged, hmac(made.secret, id), id]) expect(text).not.toContain(never);
  });

  it('is made only by admins of the inbox’s own workspace', async () => {
    await api(s.url, '/api/v1/operators', {
      token: admin,
      body: { email: 'olga@example.com', name: 'Olga', role: 'operator', password: 'lantern-orchard-basalt' },
    });
    const olga = await login(s.url, { email: 'olga@example.com', password: 'lantern-orchard-basalt' });
    expect((await rotate(olga)).status).toBe(403);
    const other = await createWorkspace(s.app.ctx, {
      name: 'Other',
      ownerEmail: 'owner@other.test',
      ownerName: 'Otto',
      ownerPassword: 'password-other',
      inboxName: 'Other site',
    });
    expect((await rotate(admin, other.inbox.id)).status).toBe(404);
  });
});

describe('identities never cross workspaces', () => {
  it('the same user id in another workspace is another contact, verified only by that inbox’s secret', async () => {
    const mine = (await rotate(admin)).body.secret;
    const id = 'shared-id-1';
    const a = await visitor();
    expect((await a.identify({ id, name: 'Ana', hash: hmac(mine, id) })).body.verified).toBe(true);
    const c = visitorClient(s.wsUrl, s.websiteKey, a.visitorToken);
    await c.waitFor('welcome');
    const ack = await c.client.send({ body: 'Workspace A only' });
    c.close();

    const other = await createWorkspace(s.app.ctx, {
      name: 'B',
      ownerEmail: 'owner@b.test',
      ownerName: 'Bea',
      ownerPassword: 'password-b',
      inboxName: 'B site',
    });
    const bea = await login(s.url, { email: 'owner@b.test', password: 'password-b' });
    const theirs = (await rotate(bea, other.inbox.id)).body.secret;
    const b = await visitor(other.inbox.websiteKey);
    // A hash made with workspace A's secret means nothing on B's inbox.
    expect((await b.identify({ id, hash: hmac(mine, id) })).body.verified).toBe(false);
    const r = await b.identify({ id, hash: hmac(theirs, id) });
    expect(r.body.verified).toBe(true);
    expect(r.body.conversations).toEqual([]);
    const aContact = (await a.identify({ id, hash: hmac(mine, id) })).body.contactId;
    expect(r.body.contactId).not.toBe(aContact);
    const h = await api(s.url, `/api/v1/widget/conversations/${ack.conversationId}/messages`, {
      token: b.visitorToken,
      headers: { 'x-website-key': other.inbox.websiteKey },
    });
    expect(h.status).toBe(404);
    // Nor does B's owner see A's contact.
    expect((await api(s.url, `/api/v1/contacts/${aContact}`, { token: bea })).status).toBe(404);
  });
});

describe('an inbox that requires verified identity', () => {
  it('refuses unverified visitors to start or write in conversations, with a stable code, until the site vouches for them', async () => {
    const secret = (await rotate(admin)).body.secret;
    const early = await visitor();
    const earlyLive = visitorClient(s.wsUrl, s.websiteKey, early.visitorToken);
    await earlyLive.waitFor('welcome');
    await setInbox({ requireVerifiedIdentity: true });
    try {
      // Connected before the setting changed: refused at once all the same.
      await expect(earlyLive.client.send({ body: 'Hello?' })).rejects.toMatchObject({ code: 'identity_required' });
      earlyLive.close();

      const v = await visitor();
      const session = await api<{ verified: boolean; inbox: { identityRequired: boolean } }>(s.url, '/api/v1/widget/session', {
        body: { websiteKey: s.websiteKey, visitorToken: v.visitorToken },
      });
      expect(session.body).toMatchObject({ verified: false, inbox: { identityRequired: true } });
      const live = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
      await live.waitFor('welcome');
      await expect(live.client.send({ body: 'Let me in' })).rejects.toMatchObject({ code: 'identity_required' });
      const form = new FormData();
      form.append('file', new Blob([Buffer.from('hello')], { type: 'text/plain' }), 'note.txt');
      const up = await fetch(`${s.url}/api/v1/widget/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${v.visitorToken}`, 'x-website-key': s.websiteKey },
        body: form,
      });
      expect(up.status).toBe(403);
      expect(((await up.json()) as { error: { code: string } }).error.code).toBe('identity_required');
      // A wrong hash is no better.
      expect((await v.identify({ id: 'member-1', hash: hmac('guess', 'member-1') })).body.verified).toBe(false);
      await expect(live.client.send({ body: 'Still me' })).rejects.toMatchObject({ code: 'identity_required' });
      const none = await api<{ items: unknown[] }>(s.url, '/api/v1/widget/conversations', {
        token: v.visitorToken,
        headers: { 'x-website-key': s.websiteKey },
      });
      expect(none.body.items).toEqual([]);

      // Vouched for: the same connection writes.
      expect((await v.identify({ id: 'member-1', hash: hmac(secret, 'member-1') })).body.verified).toBe(true);
      const ack = await live.client.send({ body: 'Signed in now' });
      expect(ack.seq).toBe(1);
      live.close();
    } finally {
      await setInbox({ requireVerifiedIdentity: false });
    }
    // Off again: anyone writes.
    const later = visitorClient(s.wsUrl, s.websiteKey, (await visitor()).visitorToken);
    await later.waitFor('welcome');
    expect((await later.client.send({ body: 'Anyone may write' })).seq).toBe(1);
    later.close();
  });
});

describe('identification per visitor', () => {
  it('is rate-limited, each visitor on their own', async () => {
    const v = await visitor();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await v.identify({ name: `Name ${i}` })).status);
    expect(statuses.slice(0, 20).every((x) => x === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect((await v.identify({ name: 'Again' })).body.error?.code).toBe('rate_limited');
    expect((await (await visitor()).identify({ name: 'Someone else' })).status).toBe(200);
  });
});
