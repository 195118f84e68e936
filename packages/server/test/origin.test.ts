/**
 * Cross-site sockets: the session cookie goes with any page's upgrade, so it
 * only signs in a socket opened from the server's own origin; a token in
 * `hello` may come from anywhere; a visitor's page must be one of its inbox's
 * allowed origins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES, PROTOCOL_VERSION } from '@switchboard/protocol';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { rawClient } from '../../../test/support/clients.js';

let s: TestServer;
let token: string;
beforeAll(async () => {
  s = await startTestServer();
  token = await login(s.url);
});
afterAll(() => s.close());

/** Opens a socket with these upgrade headers, says hello, and returns the first welcome or refusal. */
async function helloWith(url: string, headers: Record<string, string>, auth: object) {
  const c = await rawClient(url, headers);
  c.send({ type: 'hello', v: PROTOCOL_VERSION, auth });
  const answers = [c.next('welcome'), c.next('refused')] as const;
  // The other one never comes: its timeout must not surface as an unhandled rejection.
  for (const p of answers) p.catch(() => {});
  const first = await Promise.race(answers);
  if (first.type === 'refused') return { first, close: (await c.closed).code };
  c.ws.close();
  return { first, close: null };
}

const EVIL = 'https://evil.example';

describe('operator sockets', () => {
  it('refuses the session cookie from another site’s page, with forbidden', async () => {
    const r = await helloWith(s.wsUrl, { Origin: EVIL, Cookie: `sb_session=${token}` }, { kind: 'operator' });
    expect(r.first).toMatchObject({ type: 'refused', reason: 'forbidden' });
    expect((r.first as { message: string }).message).toMatch(/own origin/);
    expect(r.close).toBe(CLOSE_CODES.forbidden);
  });

  it('accepts the session cookie from the server’s own origin (the console)', async () => {
    const r = await helloWith(s.wsUrl, { Origin: s.url, Cookie: `sb_session=${token}` }, { kind: 'operator' });
    expect(r.first).toMatchObject({ type: 'welcome', identity: { kind: 'operator' } });
  });

  it('refuses the cookie without any Origin: a token is what non-browser clients send', async () => {
    const r = await helloWith(s.wsUrl, { Cookie: `sb_session=${token}` }, { kind: 'operator' });
    expect(r.first).toMatchObject({ type: 'refused', reason: 'forbidden' });
  });

  it('accepts a session token in hello from any origin: it is not sent by the browser on its own', async () => {
    const r = await helloWith(s.wsUrl, { Origin: EVIL }, { kind: 'operator', token });
    expect(r.first).toMatchObject({ type: 'welcome', identity: { kind: 'operator' } });
  });

  it('takes PUBLIC_URL’s origin as the server’s own when it is set', async () => {
    const other = await startTestServer({ env: { PUBLIC_URL: 'https://chat.example.com' } });
    try {
      const t = await login(other.url);
      const ok = await helloWith(other.wsUrl, { Origin: 'https://chat.example.com', Cookie: `sb_session=${t}` }, { kind: 'operator' });
      expect(ok.first.type).toBe('welcome');
      const byHost = await helloWith(other.wsUrl, { Origin: other.url, Cookie: `sb_session=${t}` }, { kind: 'operator' });
      expect(byHost.first).toMatchObject({ type: 'refused', reason: 'forbidden' });
    } finally {
      await other.close();
    }
  });

  it('takes a trusted proxy’s X-Forwarded-Proto and X-Forwarded-Host, and only with TRUST_PROXY', async () => {
    const behind = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'chat.example.org' };
    for (const [trust, origin, expected] of [
      ['1', 'https://chat.example.org', 'welcome'],
      ['1', 'http://chat.example.org', 'refused'],
      ['0', 'https://chat.example.org', 'refused'],
    ] as const) {
      const other = await startTestServer({ env: { TRUST_PROXY: trust } });
      try {
        const t = await login(other.url);
        const r = await helloWith(other.wsUrl, { ...behind, Origin: origin, Cookie: `sb_session=${t}` }, { kind: 'operator' });
        expect([trust, origin, r.first.type]).toEqual([trust, origin, expected]);
      } finally {
        await other.close();
      }
    }
  });
});

describe('visitor sockets', () => {
  let websiteKey: string;
  let visitorToken: string;
  beforeAll(async () => {
    const inbox = await api<{ websiteKey: string }>(s.url, '/api/v1/inboxes', {
      token,
      body: { name: 'Shop only', settings: { allowedOrigins: ['https://shop.example'] } },
    });
    expect(inbox.status).toBe(201);
    websiteKey = inbox.body.websiteKey;
    const session = await api<{ visitorToken: string }>(s.url, '/api/v1/widget/session', { body: { websiteKey, pageOrigin: 'https://shop.example' } });
    expect(session.status).toBe(200);
    visitorToken = session.body.visitorToken;
  });

  const visitor = () => ({ kind: 'visitor', websiteKey, visitorToken });

  it('refuses a page outside the inbox’s allowed origins, with forbidden', async () => {
    const r = await helloWith(s.wsUrl, { Origin: EVIL }, visitor());
    expect(r.first).toMatchObject({ type: 'refused', reason: 'forbidden' });
    expect(r.close).toBe(CLOSE_CODES.forbidden);
  });

  it('accepts an allowed page, the widget’s frame on the server’s own origin, and clients without an Origin', async () => {
    for (const headers of [{ Origin: 'https://shop.example' }, { Origin: s.url }, {}] as Record<string, string>[]) {
      const r = await helloWith(s.wsUrl, headers, visitor());
      expect(r.first).toMatchObject({ type: 'welcome', identity: { kind: 'visitor' } });
    }
  });

  it('accepts any page when the inbox allows every origin (an empty list)', async () => {
    const open = await api<{ visitorToken: string }>(s.url, '/api/v1/widget/session', { body: { websiteKey: s.websiteKey } });
    const r = await helloWith(s.wsUrl, { Origin: EVIL }, { kind: 'visitor', websiteKey: s.websiteKey, visitorToken: open.body.visitorToken });
    expect(r.first.type).toBe('welcome');
  });
});
