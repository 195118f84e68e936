/**
 * Replay and slow readers: a subscription replays everything missed, however
 * much, at the pace the client reads; a client that stops reading is closed
 * with a reason; the server stays up and keeps serving everyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES, PROTOCOL_VERSION } from '@switchboard/protocol';
import { sendMessage } from '../src/message/message.service.js';
import { login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { newVisitor, operatorClient, rawClient, until, visitorClient } from '../../../test/support/clients.js';

let s: TestServer;
let token: string;
beforeAll(async () => {
  s = await startTestServer();
  token = await login(s.url);
});
afterAll(() => s.close());

/** A visitor's conversation with its first message sent over the socket; `fill` stores more straight through the message writer. */
async function conversation() {
  const v = await newVisitor(s.url, s.websiteKey);
  const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  await visitor.waitFor('welcome');
  const first = await visitor.client.send({ body: 'first' });
  visitor.close();
  const row = await s.app.ctx.db.selectFrom('visitors').selectAll().where('id', '=', v.visitorId).executeTakeFirstOrThrow();
  const conversationId = first.conversationId;
  let n = 1;
  /** Stores `count` messages, `batch` per group commit. */
  const fill = async (count: number, body: (i: number) => string, batch = 500) => {
    for (let done = 0; done < count; done += batch) {
      const size = Math.min(batch, count - done);
      await Promise.all(
        Array.from({ length: size }, () => {
          const i = ++n;
          return sendMessage(s.app.ctx, {
            workspaceId: row.workspace_id,
            conversationId,
            visitor: { id: row.id, workspaceId: row.workspace_id, inboxId: row.inbox_id, contactId: row.contact_id, verifiedContactId: null },
            author: { kind: 'visitor', id: row.id, name: null },
            clientId: `fill-${i}`,
            body: body(i),
          });
        }),
      );
    }
  };
  return { conversationId, fill, total: () => n };
}

const seqs = (n: number, from = 1) => Array.from({ length: n }, (_, i) => from + i);

describe('replay', () => {
  it('sends a reader at full speed all 600 messages of 8,000 characters from the start, in order and once, then synced', async () => {
    const c = await conversation();
    await c.fill(599, (i) => `${i} `.padEnd(8000, 'x'));
    const operator = operatorClient(s.wsUrl, token);
    await operator.waitFor('welcome');
    operator.client.subscribe(c.conversationId, 0);
    const synced = await operator.waitFor('synced', (f) => f.conversationId === c.conversationId, 20_000);
    expect(synced.seq).toBe(600);
    const before = operator.frames.slice(0, operator.frames.indexOf(synced));
    expect(before.flatMap((f) => (f.type === 'message' ? [f.message.seq] : []))).toEqual(seqs(600));
    expect(operator.messages(c.conversationId)[599]?.body.length).toBe(8000);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    operator.close();
  });

  it('resumes after 5,000 missed messages with all of them, once, before synced', async () => {
    const c = await conversation();
    const operator = operatorClient(s.wsUrl, token);
    await operator.waitFor('welcome');
    operator.client.subscribe(c.conversationId, 0);
    await operator.waitFor('synced', (f) => f.conversationId === c.conversationId);
    operator.client.close();
    await c.fill(5000, (i) => `missed ${i}`);
    const seen = operator.frames.length;
    operator.client.connect();
    const synced = await operator.waitFor('synced', (f) => f.conversationId === c.conversationId && operator.frames.indexOf(f) > seen, 20_000);
    expect(synced.seq).toBe(5001);
    const replayed = operator.frames.slice(seen, operator.frames.indexOf(synced)).flatMap((f) => (f.type === 'message' ? [f.message.seq] : []));
    expect(replayed).toEqual(seqs(5000, 2));
    expect(operator.messages(c.conversationId).map((m) => m.seq)).toEqual(seqs(5001));
    operator.close();
  });
});

describe('a connection that stops reading', () => {
  it('is closed with too_slow while 100 messages a second of 8,000 characters flow; the server serves others on', async () => {
    const c = await conversation();
    const slow = await rawClient(s.wsUrl);
    slow.send({ type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'operator', token } });
    await slow.next('welcome');
    slow.send({ type: 'subscribe', conversationId: c.conversationId, after: 0 });
    await slow.next('synced');
    const conn = [...s.app.gateway.connections].find((x) => x.subs.has(c.conversationId));
    expect(conn).toBeDefined();
    // The client stops reading: what the server writes piles up in the kernel, then in the server.
    (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();

    let flowing = true;
    const flow = (async () => {
      while (flowing) {
        const tick = Date.now();
        await c.fill(10, (i) => `${i} `.padEnd(8000, 'y'), 10);
        await new Promise((r) => setTimeout(r, Math.max(0, 100 - (Date.now() - tick))));
      }
    })();
    try {
      await until(() => conn?.closing !== null, 45_000, 'the slow connection to be closed');
    } finally {
      flowing = false;
      await flow;
    }
    expect(conn?.closing).toBe('too_slow');

    // Meanwhile everyone else is served as usual.
    const other = operatorClient(s.wsUrl, token);
    await other.waitFor('welcome');
    other.client.subscribe(c.conversationId);
    await other.waitFor('synced');
    await c.fill(1, () => 'still here');
    expect((await other.waitFor('message', (f) => f.message.body === 'still here')).message.seq).toBe(c.total());
    other.close();

    // Reading again, the client learns why before the close.
    (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    const closed = await slow.closed;
    expect(closed).toEqual({ code: CLOSE_CODES.too_slow, reason: 'too_slow' });
    expect(slow.frames.at(-1)).toMatchObject({ type: 'refused', reason: 'too_slow' });
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });
});
