/**
 * Attacks on the HTTP API, each reproduced as an attacker would try it: forged
 * cross-site requests with the operator's cookie, identity takeover by email,
 * upload floods and files left behind, deceptive file names, links from
 * visitor metadata, invite links from a forged Host, weak passwords. Each test
 * fails without its fix.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNATTACHED_TTL_MS } from '../src/attachment/attachment.service.js';
import { runMaintenance } from '../src/maintenance.js';
import { newVisitor, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';

let s: TestServer;
let owner: string;
beforeAll(async () => {
  s = await startTestServer({ env: { UPLOAD_RATE_LIMIT: '5' } });
  owner = await login(s.url);
});
afterAll(() => s.close());

async function cookieJar(): Promise<string> {
  const res = await fetch(`${s.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(s.admin) });
  return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const form = (name: string, data: Buffer | string = png) => {
  const f = new FormData();
  f.append('file', new Blob([typeof data === 'string' ? data : new Uint8Array(data)]), name);
  return f;
};

async function conversationOfNewVisitor() {
  const v = await newVisitor(s.url, s.websiteKey);
  const c = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  await c.waitFor('welcome');
  const ack = await c.client.send({ body: 'hello' });
  c.close();
  return { ...v, conversationId: ack.conversationId };
}

describe('forged cross-site requests with the operator’s cookie', () => {
  it('refuses a form posted from another site to sign the operator out, and the session stays', async () => {
    const jar = await cookieJar();
    // What a <form method=post enctype=multipart/form-data> on a sibling site sends: the cookie, no custom header.
    const forged = await fetch(`${s.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie: jar, origin: 'https://evil.example.com' },
      body: new FormData(),
    });
    expect(forged.status).toBe(403);
    expect((await api(s.url, '/api/v1/auth/me', { headers: { cookie: jar } })).status).toBe(200);
  });

  it('refuses an upload with the cookie but without the console’s header, and stores nothing', async () => {
    const jar = await cookieJar();
    const { conversationId } = await conversationOfNewVisitor();
    const before = await s.app.ctx.db.selectFrom('attachments').select('id').execute();
    const r = await fetch(`${s.url}/api/v1/conversations/${conversationId}/attachments`, { method: 'POST', headers: { cookie: jar }, body: form('x.png') });
    expect(r.status).toBe(403);
    expect((await r.json()).error.code).toBe('forbidden');
    expect((await s.app.ctx.db.selectFrom('attachments').select('id').execute()).length).toBe(before.length);
  });

  it('refuses the header too when the request comes from another origin', async () => {
    const jar = await cookieJar();
    const r = await api(s.url, '/api/v1/inboxes', {
      body: { name: 'Forged' },
      headers: { cookie: jar, 'x-switchboard-request': '1', origin: 'https://chat.example.com.evil.example' },
    });
    expect(r.status).toBe(403);
  });

  it('accepts the console’s own requests, and bearer tokens from anywhere', async () => {
    const jar = await cookieJar();
    const own = await api(s.url, '/api/v1/inboxes', { body: { name: 'Own' }, headers: { cookie: jar, 'x-switchboard-request': '1', origin: s.url } });
    expect(own.status).toBe(201);
    const token = await api(s.url, '/api/v1/inboxes', { token: owner, body: { name: 'Script' }, headers: { origin: 'https://integration.example.com' } });
    expect(token.status).toBe(201);
  });

  it('lets the widget start a visitor on the console’s origin while an operator is signed in there', async () => {
    const jar = await cookieJar();
    const r = await api(s.url, '/api/v1/widget/session', { body: { websiteKey: s.websiteKey }, headers: { cookie: jar, origin: s.url } });
    expect(r.status).toBe(200);
  });

  it('marks every answer nosniff, JSON included', async () => {
    for (const path of ['/api/v1/auth/me', '/healthz', '/api/openapi.json', '/api/v1/nothing']) {
      const r = await fetch(`${s.url}${path}`);
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });
});

describe('identity', () => {
  it('never merges a visitor who types someone else’s email into that contact', async () => {
    const identify = (token: string, body: Record<string, string>) =>
      api<{ contactId: string }>(s.url, '/api/v1/widget/identify', { token, headers: { 'x-website-key': s.websiteKey }, body });
    const dana = await conversationOfNewVisitor();
    const real = await identify(dana.visitorToken, { name: 'Dana Scully', email: 'dana@example.com' });
    const mallory = await conversationOfNewVisitor();
    const fake = await identify(mallory.visitorToken, { name: 'Mallory', email: 'dana@example.com' });
    expect(fake.status).toBe(200);
    expect(fake.body.contactId).not.toBe(real.body.contactId);
    const contact = await api<{ name: string; email: string }>(s.url, `/api/v1/contacts/${real.body.contactId}`, { token: owner });
    expect(contact.body).toMatchObject({ name: 'Dana Scully', email: 'dana@example.com' });
    const danas = await api<{ contact: { id: string } }>(s.url, `/api/v1/conversations/${dana.conversationId}`, { token: owner });
    expect(danas.body.contact.id).toBe(real.body.contactId);
    // Saying it again updates the visitor's own contact, not a new one.
    const again = await identify(mallory.visitorToken, { name: 'Mallory M.' });
    expect(again.body.contactId).toBe(fake.body.contactId);
  });

  it('links only http(s) pages a visitor reports', async () => {
    const v = await newVisitor(s.url, s.websiteKey);
    const c = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    await c.waitFor('welcome');
    c.client.sendVolatile({ type: 'page', url: 'javascript:alert(document.cookie)', title: 'Cart\u202E', referrer: 'data:text/html,x' });
    const seen = async () =>
      (await api<{ pageUrl: string | null; pageTitle: string | null; referrer: string | null }>(s.url, `/api/v1/visitors/${v.visitorId}`, { token: owner }))
        .body;
    await expect.poll(async () => (await seen()).pageTitle).toBe('Cart');
    expect(await seen()).toMatchObject({ pageUrl: null, referrer: null });
    c.close();
  });
});

describe('uploads', () => {
  it('strips bidirectional overrides and invisible characters from file names', async () => {
    const { conversationId } = await conversationOfNewVisitor();
    const r = await fetch(`${s.url}/api/v1/conversations/${conversationId}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner}` },
      body: form('invoice\u202Etxt.exe\u200B.txt', 'plain text'),
    });
    expect(r.status).toBe(201);
    expect((await r.json()).name).toBe('invoicetxt.exe.txt');
  });

  it('limits a flood per visitor: a burst passes, then the rest is refused', async () => {
    const v = await conversationOfNewVisitor();
    const statuses: number[] = [];
    const retryAfter: (string | null)[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await fetch(`${s.url}/api/v1/widget/attachments?conversationId=${v.conversationId}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${v.visitorToken}`, 'x-website-key': s.websiteKey },
        body: form(`p${i}.png`),
      });
      statuses.push(r.status);
      retryAfter.push(r.headers.get('retry-after'));
    }
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses.slice(6).every((st) => st === 429)).toBe(true);
    // Each refusal says when to come back, in whole seconds.
    expect(retryAfter.slice(6).every((h) => h !== null && Number(h) >= 1)).toBe(true);
  });

  it('limits a flood per address, across visitors', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const v = await conversationOfNewVisitor();
      for (let j = 0; j < 3; j++) {
        const r = await fetch(`${s.url}/api/v1/widget/attachments?conversationId=${v.conversationId}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${v.visitorToken}`, 'x-website-key': s.websiteKey },
          body: form('a.png'),
        });
        statuses.push(r.status);
      }
    }
    expect(statuses.filter((st) => st === 429).length).toBeGreaterThan(0);
  });

  it('deletes files never sent with a message after a day, bytes and all, and keeps sent ones', async () => {
    const own = await startTestServer();
    try {
      const token = await login(own.url);
      const v = await newVisitor(own.url, own.websiteKey);
      // The visitor's first upload starts the conversation.
      const first = await fetch(`${own.url}/api/v1/widget/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${v.visitorToken}`, 'x-website-key': own.websiteKey },
        body: form('first.png'),
      });
      const ack = (await first.json()) as { conversationId: string };
      const up = async (name: string) =>
        (
          await (
            await fetch(`${own.url}/api/v1/conversations/${ack.conversationId}/attachments`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}` },
              body: form(name),
            })
          ).json()
        ).id as string;
      const sent = await up('sent.png');
      const left = await up('left.png');
      await api(own.url, `/api/v1/conversations/${ack.conversationId}/messages`, { token, body: { body: 'here', attachmentIds: [sent] } });
      const onDisk = (id: string) => existsSync(join(own.dataDir, 'attachments', id.slice(0, 2), id));
      expect([onDisk(sent), onDisk(left)]).toEqual([true, true]);
      expect(await runMaintenance(own.app.ctx, Date.now() + 60_000)).toMatchObject({ files: 0 });
      // The visitor's unsent first file and the operator's unsent one go; the sent one stays.
      expect(await runMaintenance(own.app.ctx, Date.now() + UNATTACHED_TTL_MS + 60_000)).toMatchObject({ files: 2 });
      expect([onDisk(sent), onDisk(left)]).toEqual([true, false]);
      // Bodies are read to the end, so the server can close without waiting for them.
      const download = async (id: string) => {
        const r = await fetch(`${own.url}/api/v1/attachments/${id}`, { headers: { authorization: `Bearer ${token}` } });
        await r.arrayBuffer();
        return r.status;
      };
      expect(await download(left)).toBe(404);
      expect(await download(sent)).toBe(200);
    } finally {
      await own.close();
    }
  });
});

describe('operators', () => {
  it('builds invite links from the configured address only, never from the Host header', async () => {
    const forged = await api<{ inviteUrl: string | null; invitePath: string }>(s.url, '/api/v1/operators', {
      token: owner,
      body: { email: 'ivy@example.com', name: 'Ivy' },
      headers: { host: 'evil.example.com', 'x-forwarded-host': 'evil.example.com' },
    });
    expect(forged.status).toBe(201);
    expect(forged.body.inviteUrl).toBeNull();
    expect(JSON.stringify(forged.body)).not.toContain('evil.example.com');
    const configured = await startTestServer({ env: { PUBLIC_URL: 'https://chat.example.com' } });
    try {
      const r = await api<{ inviteUrl: string }>(configured.url, '/api/v1/operators', {
        token: await login(configured.url),
        body: { email: 'ivy@example.com', name: 'Ivy' },
        headers: { host: 'evil.example.com' },
      });
      expect(r.body.inviteUrl).toMatch(/^https:\/\/chat\.example\.com\/console\/#\/invite\/[\w-]{40,}$/);
    } finally {
      await configured.close();
    }
  });

  it.each(['password', '12345678', 'qwertyuiop', 'zoe@example.com1'])('refuses the weak password %s, on its field, in words', async (password) => {
    const r = await api<{ error: { code: string; message: string; details?: unknown } }>(s.url, '/api/v1/operators', {
      token: owner,
      body: { email: 'zoe@example.com', name: 'Zoe', password },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    expect(JSON.stringify(r.body)).toMatch(/password/);
    expect(r.body.error.message).toMatch(/Choose a stronger password/);
  });

  it('accepts a strong one', async () => {
    const r = await api(s.url, '/api/v1/operators', { token: owner, body: { email: 'yan@example.com', name: 'Yan', password: 'lantern-orchard-basalt' } });
    expect(r.status).toBe(201);
  });
});
