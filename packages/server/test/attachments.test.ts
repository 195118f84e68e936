/** Attachments: size limit, type sniffed from the bytes, served only to the right readers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { newVisitor, visitorClient } from '../../../test/support/clients.js';

// A real 1x1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

let s: TestServer;
let visitor: { visitorId: string; visitorToken: string };
let token: string;
beforeAll(async () => {
  s = await startTestServer({ env: { ATTACHMENT_MAX_BYTES: String(64 * 1024) } });
  token = await login(s.url);
  visitor = await newVisitor(s.url, s.websiteKey);
});
afterAll(() => s.close());

const vHeaders = () => ({ authorization: `Bearer ${visitor.visitorToken}`, 'x-website-key': s.websiteKey });

async function upload(data: Buffer, name: string, conversationId?: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), name);
  const res = await fetch(`${s.url}/api/v1/widget/attachments${conversationId ? `?conversationId=${conversationId}` : ''}`, {
    method: 'POST',
    headers: vHeaders(),
    body: form,
  });
  return {
    status: res.status,
    body: (await res.json()) as { conversationId: string; attachment: { id: string; mime: string; name: string; size: number }; error?: { code: string } },
  };
}

describe('attachments', () => {
  it('takes the type from the bytes, not the name, and refuses what is not allowed', async () => {
    const png = await upload(PNG, 'holiday.pdf');
    expect(png.status).toBe(201);
    expect(png.body.attachment).toMatchObject({ mime: 'image/png', name: 'holiday.pdf', size: PNG.length });
    const exe = await upload(EXE, 'cute-cat.png');
    expect(exe.status).toBe(415);
    expect(exe.body.error?.code).toBe('unsupported_media_type');
    const text = await upload(Buffer.from('order #1234\nplease check'), 'notes.txt');
    expect(text.body.attachment.mime).toBe('text/plain');
  });

  it('refuses files over the size limit and empty files', async () => {
    const big = await upload(Buffer.concat([PNG, Buffer.alloc(70 * 1024)]), 'big.png');
    expect(big.status).toBe(413);
    expect(big.body.error?.code).toBe('too_large');
    const empty = await upload(Buffer.alloc(0), 'empty.txt');
    expect(empty.status).toBe(400);
  });

  it('cleans file names', async () => {
    const r = await upload(PNG, '../../etc/<script>passwd\u0007');
    expect(r.body.attachment.name).toBe('scriptpasswd');
  });

  it('serves a file to its visitor and the workspace operators only, with safe headers', async () => {
    const up = await upload(PNG, 'photo.png');
    const c = visitorClient(s.wsUrl, s.websiteKey, visitor.visitorToken);
    await c.waitFor('welcome');
    const ack = await c.client.send({ conversationId: up.body.conversationId, body: '', attachmentIds: [up.body.attachment.id] });
    expect(ack.seq).toBeGreaterThan(0);
    // The same upload cannot be sent twice.
    await expect(c.client.send({ conversationId: up.body.conversationId, body: 'again', attachmentIds: [up.body.attachment.id] })).rejects.toMatchObject({
      code: 'bad_frame',
    });
    c.close();

    const url = `${s.url}/api/v1/attachments/${up.body.attachment.id}`;
    const mine = await fetch(url, { headers: vHeaders() });
    expect(mine.status).toBe(200);
    expect(Buffer.from(await mine.arrayBuffer()).equals(PNG)).toBe(true);
    expect(mine.headers.get('content-type')).toBe('image/png');
    expect(mine.headers.get('x-content-type-options')).toBe('nosniff');
    expect(mine.headers.get('content-security-policy')).toContain('sandbox');

    const op = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(op.status).toBe(200);
    const other = await newVisitor(s.url, s.websiteKey);
    expect((await fetch(url, { headers: { authorization: `Bearer ${other.visitorToken}`, 'x-website-key': s.websiteKey } })).status).toBe(404);
    expect((await fetch(url)).status).toBe(401);

    const history = await api<{ messages: { attachments: { id: string; url: string }[] }[] }>(
      s.url,
      `/api/v1/conversations/${up.body.conversationId}/messages`,
      { token },
    );
    const att = history.body.messages.flatMap((m) => m.attachments).find((a) => a.id === up.body.attachment.id);
    expect(att?.url).toBe(`/api/v1/attachments/${up.body.attachment.id}`);
  });

  it('lets operators upload into a conversation of their workspace', async () => {
    const up = await upload(PNG, 'a.png');
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF')]), 'quote.pdf');
    const res = await fetch(`${s.url}/api/v1/conversations/${up.body.conversationId}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { mime: string }).mime).toBe('application/pdf');
    const noFile = await fetch(`${s.url}/api/v1/conversations/${up.body.conversationId}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noFile.status).toBe(415);
  });
});

describe('widget origin allow-list', () => {
  it('refuses sessions from pages not on the list, and tells browsers where the chat may be framed', async () => {
    const inbox = (await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token })).body.items[0]!;
    await api(s.url, `/api/v1/inboxes/${inbox.id}`, { method: 'PATCH', token, body: { settings: { allowedOrigins: ['https://shop.example.com'] } } });
    const bad = await api<{ error: { code: string } }>(s.url, '/api/v1/widget/session', {
      body: { websiteKey: s.websiteKey, pageOrigin: 'https://evil.example.net' },
    });
    expect(bad.status).toBe(403);
    const good = await api(s.url, '/api/v1/widget/session', { body: { websiteKey: s.websiteKey, pageOrigin: 'https://shop.example.com' } });
    expect(good.status).toBe(200);
    const frame = await fetch(`${s.url}/widget/frame?key=${s.websiteKey}`);
    expect(frame.headers.get('content-security-policy')).toContain('frame-ancestors https://shop.example.com');
    await api(s.url, `/api/v1/inboxes/${inbox.id}`, { method: 'PATCH', token, body: { settings: { allowedOrigins: [] } } });
  });
});
