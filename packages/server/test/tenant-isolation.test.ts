/** An operator of workspace A gets 404 for everything of workspace B, over HTTP and WebSocket. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { newVisitor, operatorClient, visitorClient } from '../../../test/support/clients.js';
import { createWorkspace } from '../src/workspace/workspace.service.js';
import { identifyVisitor } from '../src/identity/identify-visitor.js';
import { findVisitorByToken } from '../src/visitor/visitor.repository.js';
import { hashToken } from '../src/ids.js';

let s: TestServer;
let tokenA: string;
const b = { conversationId: '', attachmentId: '', contactId: '', visitorId: '', operatorId: '', inboxId: '' };

beforeAll(async () => {
  s = await startTestServer();
  tokenA = await login(s.url);
  const wsB = await createWorkspace(s.app.ctx, { name: 'B', ownerEmail: 'owner@b.test', ownerName: 'Bea', ownerPassword: 'password-b', inboxName: 'B site' });
  b.operatorId = wsB.owner.id;
  b.inboxId = wsB.inbox.id;
  const visitor = await newVisitor(s.url, wsB.inbox.websiteKey);
  b.visitorId = visitor.visitorId;
  const form = new FormData();
  form.append('file', new Blob([Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF')]), 'invoice.pdf');
  const up = await fetch(`${s.url}/api/v1/widget/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${visitor.visitorToken}`, 'x-website-key': wsB.inbox.websiteKey },
    body: form,
  });
  const uploaded = (await up.json()) as { conversationId: string; attachment: { id: string } };
  expect(up.status).toBe(201);
  b.conversationId = uploaded.conversationId;
  b.attachmentId = uploaded.attachment.id;
  const c = visitorClient(s.wsUrl, wsB.inbox.websiteKey, visitor.visitorToken);
  await c.waitFor('welcome');
  await c.client.send({ conversationId: b.conversationId, body: 'my invoice', attachmentIds: [b.attachmentId] });
  c.close();
  const row = await findVisitorByToken(s.app.ctx.db, hashToken(visitor.visitorToken));
  const identified = await identifyVisitor(s.app.ctx, {
    visitor: { id: row!.id, workspaceId: row!.workspace_id, inboxId: row!.inbox_id, contactId: null, verifiedContactId: null },
    input: { name: 'Secret Person', email: 'secret@b.test' },
  });
  b.contactId = identified.contactId;
});
afterAll(() => s.close());

describe('tenant isolation over HTTP', () => {
  const cases = (): [string, string, unknown?][] => [
    ['GET', `/api/v1/conversations/${b.conversationId}`],
    ['GET', `/api/v1/conversations/${b.conversationId}/messages`],
    ['POST', `/api/v1/conversations/${b.conversationId}/messages`, { body: 'sneaky reply' }],
    ['POST', `/api/v1/conversations/${b.conversationId}/assign`, { operatorId: null }],
    ['POST', `/api/v1/conversations/${b.conversationId}/status`, { status: 'resolved' }],
    ['POST', `/api/v1/conversations/${b.conversationId}/read`, { seq: 1 }],
    ['GET', `/api/v1/attachments/${b.attachmentId}`],
    ['GET', `/api/v1/contacts/${b.contactId}`],
    ['PATCH', `/api/v1/contacts/${b.contactId}`, { name: 'Renamed' }],
    ['DELETE', `/api/v1/contacts/${b.contactId}`],
    ['GET', `/api/v1/contacts/${b.contactId}/conversations`],
    ['GET', `/api/v1/contacts/${b.contactId}/notes`],
    ['POST', `/api/v1/contacts/${b.contactId}/notes`, { body: 'sneaky note' }],
    ['POST', `/api/v1/contacts/${b.contactId}/labels`, { remove: ['x'] }],
    ['POST', `/api/v1/contacts/${b.contactId}/merge`, { contactId: b.contactId.slice(0, -1) }],
    ['GET', `/api/v1/visitors/${b.visitorId}`],
    ['GET', `/api/v1/operators/${b.operatorId}`],
    ['PATCH', `/api/v1/operators/${b.operatorId}`, { name: 'Hijacked' }],
    ['GET', `/api/v1/inboxes/${b.inboxId}`],
    ['PATCH', `/api/v1/inboxes/${b.inboxId}`, { name: 'Hijacked' }],
  ];

  it('answers 404 for every resource of another workspace', async () => {
    for (const [method, path, body] of cases()) {
      const r = await api<{ error: { code: string } }>(s.url, path, { method, token: tokenA, body });
      expect({ method, path, status: r.status, code: r.body?.error?.code }).toEqual({ method, path, status: 404, code: 'not_found' });
    }
  });

  it('never lists another workspace’s conversations or contacts', async () => {
    const convs = await api<{ items: { id: string }[] }>(s.url, '/api/v1/conversations?view=all', { token: tokenA });
    expect(convs.body.items.map((c) => c.id)).not.toContain(b.conversationId);
    const contacts = await api<{ items: { id: string }[] }>(s.url, '/api/v1/contacts', { token: tokenA });
    expect(contacts.body.items.map((c) => c.id)).not.toContain(b.contactId);
    const ops = await api<{ items: { id: string }[] }>(s.url, '/api/v1/operators', { token: tokenA });
    expect(ops.body.items.map((o) => o.id)).not.toContain(b.operatorId);
  });

  it('left B untouched', async () => {
    const row = await s.app.ctx.db.selectFrom('conversations').selectAll().where('id', '=', b.conversationId).executeTakeFirstOrThrow();
    expect(row.status).toBe('open');
    expect(row.last_seq).toBe(1);
    const contact = await s.app.ctx.db.selectFrom('contacts').selectAll().where('id', '=', b.contactId).executeTakeFirstOrThrow();
    expect(contact.name).toBe('Secret Person');
  });
});

describe('tenant isolation over WebSocket', () => {
  it('answers not_found for subscribe, send, typing and read on another workspace’s conversation', async () => {
    const op = operatorClient(s.wsUrl, tokenA);
    await op.waitFor('welcome');
    op.client.sendVolatile({ type: 'subscribe', conversationId: b.conversationId, ref: 'sub' });
    expect(await op.waitFor('error', (f) => f.ref === 'sub')).toMatchObject({ code: 'not_found' });
    await expect(op.client.send({ conversationId: b.conversationId, body: 'sneaky' })).rejects.toMatchObject({ code: 'not_found' });
    op.client.sendVolatile({ type: 'typing', conversationId: b.conversationId, typing: true, ref: 'typ' });
    expect(await op.waitFor('error', (f) => f.ref === 'typ')).toMatchObject({ code: 'not_found' });
    op.client.sendVolatile({ type: 'read', conversationId: b.conversationId, seq: 1, ref: 'rd' });
    expect(await op.waitFor('error', (f) => f.ref === 'rd')).toMatchObject({ code: 'not_found' });
    // Nothing of B ever reached A's console.
    expect(op.frames.some((f) => JSON.stringify(f).includes(b.conversationId) && f.type !== 'error')).toBe(false);
    op.close();
  });

  it('keeps visitors to their own conversations', async () => {
    const other = await newVisitor(s.url, s.websiteKey);
    const c = visitorClient(s.wsUrl, s.websiteKey, other.visitorToken);
    await c.waitFor('welcome');
    c.client.sendVolatile({ type: 'subscribe', conversationId: b.conversationId, ref: 's' });
    expect(await c.waitFor('error', (f) => f.ref === 's')).toMatchObject({ code: 'not_found' });
    await expect(c.client.send({ conversationId: b.conversationId, body: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    const file = await fetch(`${s.url}/api/v1/attachments/${b.attachmentId}`, {
      headers: { authorization: `Bearer ${other.visitorToken}`, 'x-website-key': s.websiteKey },
    });
    expect(file.status).toBe(404);
    c.close();
  });
});
