/**
 * What the widget and the pages ask of the server: the launcher's look (CORS
 * for allowed pages only), the visitor's view of an inbox, the chat frame's
 * strict address and policies, the console's policy, and validation answers
 * in words.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetDirs } from '../src/web/assets.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';

let s: TestServer;
let token: string;
let inboxId: string;
beforeAll(async () => {
  s = await startTestServer();
  token = await login(s.url);
  inboxId = (await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token })).body.items[0]!.id;
});
afterAll(() => s.close());

const setOrigins = (allowedOrigins: string[]) => api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token, body: { settings: { allowedOrigins } } });
const look = (query: string, origin?: string) => fetch(`${s.url}/api/v1/widget/look?${query}`, { headers: origin ? { origin } : {} });

describe('the launcher’s look', () => {
  it('answers the colour, a readable text colour and the side, cacheable for a minute', async () => {
    await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token, body: { settings: { color: '#ffd400', position: 'left' } } });
    const r = await look(`key=${s.websiteKey}`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ color: '#ffd400', textColor: '#111827', position: 'left', labels: ['Open chat', 'Minimise chat', 'Chat'], track: true });
    expect(r.headers.get('cache-control')).toBe('public, max-age=60');
    expect(r.headers.get('vary')).toMatch(/origin/i);
    expect(r.headers.get('vary')).toMatch(/accept-language/i);
    await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token, body: { settings: { color: '#1f6feb', position: 'right' } } });
  });

  it('names the launcher in the language the browser asks for, or the inbox’s fixed one', async () => {
    const inGerman = await fetch(`${s.url}/api/v1/widget/look?key=${s.websiteKey}`, { headers: { 'accept-language': 'de-CH, de;q=0.9, en;q=0.5' } });
    expect(((await inGerman.json()) as { labels: string[] }).labels).toEqual(['Chat öffnen', 'Chat minimieren', 'Chat']);
    const unknown = await fetch(`${s.url}/api/v1/widget/look?key=${s.websiteKey}`, { headers: { 'accept-language': 'ja' } });
    expect(((await unknown.json()) as { labels: string[] }).labels[0]).toBe('Open chat');
    await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token, body: { settings: { language: 'ar' } } });
    const fixed = await fetch(`${s.url}/api/v1/widget/look?key=${s.websiteKey}`, { headers: { 'accept-language': 'de' } });
    expect(((await fixed.json()) as { labels: string[] }).labels[0]).toBe('افتح الدردشة');
    await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token, body: { settings: { language: 'auto' } } });
  });

  it('says whether the inbox tracks visitors’ pages (on by default), so the loader connects in the background', async () => {
    await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token, body: { settings: { trackPages: false } } });
    expect(((await (await look(`key=${s.websiteKey}`)).json()) as { track: boolean }).track).toBe(false);
    await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token, body: { settings: { trackPages: true } } });
    expect(((await (await look(`key=${s.websiteKey}`)).json()) as { track: boolean }).track).toBe(true);
  });

  it('lets only allowed pages read it (CORS), and refuses the others', async () => {
    expect((await look(`key=${s.websiteKey}`, 'https://any.example.org')).headers.get('access-control-allow-origin')).toBe('https://any.example.org');
    await setOrigins(['https://shop.example.com']);
    const allowed = await look(`key=${s.websiteKey}`, 'https://shop.example.com');
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    const other = await look(`key=${s.websiteKey}`, 'https://evil.example.net');
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    await setOrigins([]);
  });

  it('refuses an unknown, repeated or malformed key', async () => {
    expect((await look('key=wk_nope')).status).toBe(404);
    expect((await look(`key=${s.websiteKey}&key=x`)).status).toBe(400);
    expect((await look('key=%3Cscript%3E')).status).toBe(400);
    expect((await look('')).status).toBe(400);
  });
});

describe('the inbox as visitors see it', () => {
  it('has the team name, greeting and look, never the internal inbox name', async () => {
    const r = await api<{ inbox: Record<string, unknown> }>(s.url, '/api/v1/widget/session', { body: { websiteKey: s.websiteKey } });
    expect(Object.keys(r.body.inbox).sort()).toEqual([
      'askRating',
      'avatars',
      'color',
      'forms',
      'greeting',
      'identityRequired',
      'language',
      'position',
      'replyTime',
      'showAvatars',
      'sneakPeek',
      'sound',
      'team',
      'teamName',
      'textColor',
    ]);
    expect(JSON.stringify(r.body)).not.toContain('Website');
  });
});

describe('the chat frame page', () => {
  const frame = (query: string) => fetch(`${s.url}/widget/frame?${query}`);

  it('refuses repeated or malformed parameters and unknown keys, never widening its policy', async () => {
    for (const q of [`key=${s.websiteKey}&key=x`, `key=x&key=${s.websiteKey}`, 'key=%3Cx%3E', 'key=', '']) {
      const r = await frame(q);
      expect(r.status, q).toBe(400);
      expect(r.headers.get('content-security-policy') ?? '', q).not.toContain('frame-ancestors *');
    }
    const unknown = await frame('key=wk_unknown');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-security-policy') ?? '').not.toContain('frame-ancestors *');
  });

  it('may be framed by the allowed origins only, connects to its own origin only and submits no form', async () => {
    await setOrigins(['https://shop.example.com/checkout', 'https://www.example.com']);
    const csp = (await frame(`key=${s.websiteKey}`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain('frame-ancestors https://shop.example.com https://www.example.com');
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toMatch(/ws:|wss:/);
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("form-action 'none'");
    await setOrigins([]);
    expect((await frame(`key=${s.websiteKey}`)).headers.get('content-security-policy')).toContain('frame-ancestors *');
  });
});

describe('the console’s policy', () => {
  it.runIf(existsSync(`${assetDirs.console}/index.html`))('connects to its own origin only, with no base or foreign form target', async () => {
    const csp = (await fetch(`${s.url}/console/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toMatch(/ws:|wss:/);
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});

describe('validation answers', () => {
  interface Refusal {
    error: { code: string; message: string; details: { in: string; path: string; message: string }[] };
  }

  it('name each field at fault, without the body prefix, in words', async () => {
    const r = await api<Refusal>(s.url, `/api/v1/inboxes/${inboxId}`, {
      method: 'PATCH',
      token,
      body: { settings: { allowedOrigins: ['https://ok.example.com', 'shop.example.com'] } },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    expect(r.body.error.details).toEqual([
      { in: 'body', path: 'settings.allowedOrigins.1', message: expect.stringMatching(/^Enter a full address such as https:\/\//) },
    ]);
    expect(r.body.error.message).toBe(r.body.error.details[0]!.message);
  });

  it('say what is missing or too long, and how many problems there are', async () => {
    const r = await api<Refusal>(s.url, '/api/v1/auth/login', { body: { password: 'x'.repeat(201) } });
    expect(r.body.error.details).toEqual([
      { in: 'body', path: 'email', message: 'Fill in this field' },
      { in: 'body', path: 'password', message: 'Use at most 200 characters' },
    ]);
    expect(r.body.error.message).toBe('Fill in this field (and 1 more problem)');
    const q = await api<Refusal>(s.url, '/api/v1/conversations?limit=0', { token });
    expect(q.body.error.details).toEqual([{ in: 'query', path: 'limit', message: 'Enter 1 or more' }]);
  });
});

describe('the JavaScript SDK’s types', () => {
  it.runIf(existsSync(`${assetDirs.widget}/widget.d.ts`))('are served for websites to download, as text, from any origin', async () => {
    const r = await fetch(`${s.url}/widget.d.ts`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(await r.text()).toContain('export interface SwitchboardFunction');
  });
});
