import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { newVisitor, operatorClient, visitorClient } from '../../../test/support/clients.js';

let s: TestServer;
let token: string;
beforeAll(async () => {
  s = await startTestServer();
  token = await login(s.url);
});
afterAll(() => s.close());

/** A new visitor and the signed-in admin, both connected and welcomed. */
async function visitorAndOperator() {
  const v = await newVisitor(s.url, s.websiteKey);
  const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  const operator = operatorClient(s.wsUrl, token);
  await visitor.waitFor('welcome');
  await operator.waitFor('welcome');
  return { v, visitor, operator };
}

describe('realtime conversation', () => {
  it('delivers a visitor message to the operator and the reply back, with acks and sequence numbers', async () => {
    const { visitor, operator } = await visitorAndOperator();

    const ack = await visitor.client.send({ body: 'Hello, is the tent waterproof?' });
    expect(ack.seq).toBe(1);
    expect(ack.duplicate).toBe(false);
    const summary = await operator.waitFor('conversation', (f) => f.conversation.id === ack.conversationId);
    expect(summary.conversation.lastMessage?.preview).toBe('Hello, is the tent waterproof?');

    visitor.client.subscribe(ack.conversationId, 0);
    operator.client.subscribe(ack.conversationId);
    await operator.waitFor('synced', (f) => f.conversationId === ack.conversationId);
    expect(operator.messages(ack.conversationId).map((m) => m.body)).toEqual(['Hello, is the tent waterproof?']);

    const reply = await operator.client.send({ conversationId: ack.conversationId, body: 'Yes, 3000 mm.' });
    expect(reply.seq).toBe(2);
    const got = await visitor.waitFor('message', (f) => f.message.seq === 2);
    expect(got.message.author.kind).toBe('operator');
    expect(got.message.body).toBe('Yes, 3000 mm.');
    visitor.close();
    operator.close();
  });

  it('stores a message once when the same client id is sent twice', async () => {
    const v = await newVisitor(s.url, s.websiteKey);
    const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    await visitor.waitFor('welcome');
    const a = await visitor.client.send({ body: 'once', clientId: 'fixed-id-1' });
    const b = await visitor.client.send({ body: 'once', clientId: 'fixed-id-1', conversationId: a.conversationId });
    expect(b.duplicate).toBe(true);
    expect(b.messageId).toBe(a.messageId);
    expect(b.seq).toBe(a.seq);
    const n = await s.app.ctx.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('conversation_id', '=', a.conversationId)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    visitor.close();
  });

  it('writes what one commit brings a connection in one system call: the ack and the echo of the message', async () => {
    const v = await newVisitor(s.url, s.websiteKey);
    const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    await visitor.waitFor('welcome');
    const first = await visitor.client.send({ body: 'first' });
    visitor.client.subscribe(first.conversationId, 0);
    await visitor.waitFor('synced', (f) => f.conversationId === first.conversationId);
    const conn = [...s.app.gateway.connections].find((c) => c.identity?.kind === 'visitor' && c.identity.visitor.id === v.visitorId);
    // The connection's TCP socket: count the writes that reach it.
    const socket = (conn!.ws as unknown as { _socket: { _write: (...a: unknown[]) => void; _writev: (...a: unknown[]) => void } })._socket;
    // Each write is recorded as the frame types it carries.
    const writes: string[][] = [];
    const typesOf = (chunks: unknown[]) =>
      chunks.map((c) => /"type":"([a-z_.]+)"/.exec(String((c as { chunk?: unknown }).chunk ?? c))?.[1]).filter((t): t is string => !!t);
    const write = socket._write.bind(socket);
    const writev = socket._writev.bind(socket);
    socket._write = (...a) => {
      writes.push(typesOf([a[0]]));
      write(...a);
    };
    socket._writev = (chunks, ...rest) => {
      writes.push(typesOf(chunks as unknown[]));
      writev(chunks, ...rest);
    };
    const ack = await visitor.client.send({ conversationId: first.conversationId, body: 'second' });
    await visitor.waitFor('message', (f) => f.message.seq === ack.seq);
    // One vectored write carries both frames; other frames (the conversation list
    // refreshed after the first message) may come in writes of their own.
    const carrying = writes.filter((w) => w.includes('ack') || w.includes('message'));
    expect(carrying).toHaveLength(1);
    expect([...carrying[0]!].sort()).toEqual(['ack', 'message']);
    visitor.close();
  });

  it('shows typing both ways and read receipts', async () => {
    const { visitor, operator } = await visitorAndOperator();
    const ack = await visitor.client.send({ body: 'hi' });
    visitor.client.subscribe(ack.conversationId, 0);
    operator.client.subscribe(ack.conversationId);
    await visitor.waitFor('synced');
    await operator.waitFor('synced');

    visitor.client.sendVolatile({ type: 'typing', conversationId: ack.conversationId, typing: true });
    const t = await operator.waitFor('typing');
    expect(t.author.kind).toBe('visitor');
    expect(t.typing).toBe(true);
    operator.client.sendVolatile({ type: 'typing', conversationId: ack.conversationId, typing: true });
    expect((await visitor.waitFor('typing')).author.kind).toBe('operator');
    // Nobody gets their own typing echoed.
    expect(visitor.frames.some((f) => f.type === 'typing' && f.author.kind === 'visitor')).toBe(false);

    operator.client.sendVolatile({ type: 'read', conversationId: ack.conversationId, seq: 1 });
    const r = await visitor.waitFor('read');
    expect(r).toMatchObject({ reader: 'operator', seq: 1 });
    visitor.close();
    operator.close();
  });

  it('starts the conversation as the contact a visitor became on another connection', async () => {
    const { v, visitor, operator } = await visitorAndOperator();
    const r = await fetch(`${s.url}/api/v1/widget/identify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${v.visitorToken}`, 'x-website-key': s.websiteKey },
      body: JSON.stringify({ name: 'Dana Scully', email: 'dana@example.com' }),
    });
    expect(r.status).toBe(200);
    const ack = await visitor.client.send({ body: 'It is me' });
    const seen = await operator.waitFor('conversation', (f) => f.conversation.id === ack.conversationId);
    expect(seen.conversation.contact).toMatchObject({ name: 'Dana Scully', email: 'dana@example.com' });
    visitor.close();
    operator.close();
  });

  it('clears every console’s unread count when one operator reads', async () => {
    const v = await newVisitor(s.url, s.websiteKey);
    const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    const reader = operatorClient(s.wsUrl, token);
    const other = operatorClient(s.wsUrl, token);
    await Promise.all([visitor.waitFor('welcome'), reader.waitFor('welcome'), other.waitFor('welcome')]);
    const ack = await visitor.client.send({ body: 'unread?' });
    await other.waitFor('conversation', (f) => f.conversation.id === ack.conversationId && f.conversation.operatorReadSeq === 0);
    reader.client.subscribe(ack.conversationId);
    await reader.waitFor('synced');
    reader.client.sendVolatile({ type: 'read', conversationId: ack.conversationId, seq: ack.seq });
    const cleared = await other.waitFor('conversation', (f) => f.conversation.id === ack.conversationId && f.conversation.operatorReadSeq === ack.seq);
    expect(cleared.conversation.lastSeq).toBe(ack.seq);
    visitor.close();
    reader.close();
    other.close();
  });
});
