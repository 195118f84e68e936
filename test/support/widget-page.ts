/**
 * Helpers for browser tests of the widget: the chat frame of a page, a shop
 * on another origin (served by the test itself, so the widget runs in a
 * third-party frame as on a customer's site), and what an operator does over
 * HTTP.
 */
import { crc32, deflateSync } from 'node:zlib';
import type { BrowserContext, Frame, Page, Request } from 'playwright-core';
import { operatorClient, type TestClient } from './clients.js';
import { api, login, type TestServer } from './server.js';

export async function chatFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[title="Chat"]', { state: 'attached' });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no chat frame');
  return frame;
}

/**
 * Serves `http://<host>/` in this context: a page embedding the widget of
 * `s`, after running `before` (a script the site itself runs first).
 */
export async function serveShop(ctx: BrowserContext, s: TestServer, host: string, before = ''): Promise<string> {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${host}</title></head>
<body><h1>Shop on ${host}</h1><p><a href="#top">A link on the page</a></p>
<script>${before}</script>
<script src="${s.url}/widget.js" data-website-key="${s.websiteKey}" async></script></body></html>`;
  await ctx.route(`http://${host}/**`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  return `http://${host}/`;
}

/**
 * Waits for the launcher's look request to end, then for the page to draw what follows from it. Returns the
 * status the server answered, or 0 when the browser kept the answer from the page (CORS).
 */
export async function lookAnswered(page: Page, load: () => Promise<unknown>): Promise<number> {
  const isLook = (r: Request) => r.url().includes('/api/v1/widget/look');
  const ended = new Promise<Request>((resolve) => {
    page.on('requestfinished', (r) => isLook(r) && resolve(r));
    page.on('requestfailed', (r) => isLook(r) && resolve(r));
  });
  await load();
  const request = await ended;
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return request.failure() ? 0 : ((await request.response())?.status() ?? 0);
}

/**
 * An operator at their console (connected over the protocol, the admin
 * unless a session token is given): while one is online visitors chat; with
 * nobody online the widget offers its offline form instead (see
 * visitor-journey.e2e.test.ts). Close it when done.
 */
export async function operatorOnline(s: TestServer, token?: string): Promise<TestClient> {
  const c = operatorClient(s.wsUrl, token ?? (await login(s.url)));
  await c.waitFor('welcome');
  return c;
}

export interface Operator {
  token: string;
  inboxId: string;
  setInbox(settings: Record<string, unknown>): Promise<void>;
  /** The conversation whose last message preview contains `text`. */
  conversationWith(text: string): Promise<string>;
  say(conversationId: string, body: string, attachmentIds?: string[]): Promise<void>;
  upload(conversationId: string, name: string, mime: string, data: Buffer): Promise<string>;
}

export async function operator(s: TestServer, token: string): Promise<Operator> {
  const inboxId = (await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token })).body.items[0]!.id;
  return {
    token,
    inboxId,
    async setInbox(settings) {
      const r = await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token, body: { settings } });
      if (r.status !== 200) throw new Error(`inbox update failed: ${JSON.stringify(r.body)}`);
    },
    async conversationWith(text) {
      const r = await api<{ items: { id: string; lastMessage: { preview: string } | null }[] }>(s.url, '/api/v1/conversations?view=all&limit=100', { token });
      const c = r.body.items.find((i) => i.lastMessage?.preview.includes(text));
      if (!c) throw new Error(`no conversation with "${text}"`);
      return c.id;
    },
    async say(conversationId, body, attachmentIds) {
      const r = await api(s.url, `/api/v1/conversations/${conversationId}/messages`, { token, body: { body, ...(attachmentIds ? { attachmentIds } : {}) } });
      if (r.status !== 201) throw new Error(`reply failed: ${JSON.stringify(r.body)}`);
    },
    async upload(conversationId, name, mime, data) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(data)], { type: mime }), name);
      const res = await fetch(`${s.url}/api/v1/conversations/${conversationId}/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      if (res.status !== 201) throw new Error(`upload failed: ${await res.text()}`);
      return ((await res.json()) as { id: string }).id;
    },
  };
}

/** Whether `el` is wholly inside the visible part of its scrolling ancestor `scroller`. */
export function inView(frame: Frame, scrollerSelector: string, text: string): Promise<boolean> {
  return frame.evaluate(
    ([sel, t]) => {
      const scroller = document.querySelector(sel as string) as HTMLElement;
      const el = [...scroller.querySelectorAll('.msg')].reverse().find((m) => m.textContent?.includes(t as string));
      if (!el) return false;
      const a = scroller.getBoundingClientRect();
      const b = el.getBoundingClientRect();
      return b.top >= a.top - 1 && b.bottom <= a.bottom + 1;
    },
    [scrollerSelector, text],
  );
}

/** A plain PNG of the given size (one colour), for attachments that take room once loaded. */
export function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x5a)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}
