/**
 * The server is killed (SIGKILL) while a visitor and an operator exchange
 * messages, then started again. Both clients reconnect by themselves; every
 * message that was acked is delivered once, in order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MessageDto } from '@switchboard/protocol';
import { freePort, spawnServer, type ServerProcess } from '../../../test/support/process.js';
import { api, login } from '../../../test/support/server.js';
import { newVisitor, operatorClient, visitorClient, type TestClient } from '../../../test/support/clients.js';

const dir = mkdtempSync(join(tmpdir(), 'sb-crash-'));
const env = { DATA_DIR: dir, SWITCHBOARD_ADMIN_PASSWORD: 'crash-test-password' };
let server: ServerProcess;
afterAll(async () => {
  await server?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function assertExactlyOnceInOrder(c: TestClient, conversationId: string, total: number) {
  const seqs = c.messages(conversationId).map((m: MessageDto) => m.seq);
  expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1));
}

describe('crash and resume', () => {
  it('delivers every acked message once and in order across a SIGKILL and restart', async () => {
    const port = await freePort();
    server = await spawnServer(env, port);
    const inbox = await api<{ items: { websiteKey: string }[] }>(server.url, '/api/v1/inboxes', {
      token: await login(server.url, { email: 'admin@example.com', password: env.SWITCHBOARD_ADMIN_PASSWORD }),
    });
    const websiteKey = inbox.body.items[0]?.websiteKey as string;
    const v = await newVisitor(server.url, websiteKey);
    const visitor = visitorClient(server.wsUrl, websiteKey, v.visitorToken);
    await visitor.waitFor('welcome');
    const first = await visitor.client.send({ body: 'v0' });
    const conversationId = first.conversationId;
    visitor.client.subscribe(conversationId, 0);
    const token = await login(server.url, { email: 'admin@example.com', password: env.SWITCHBOARD_ADMIN_PASSWORD });
    const operator = operatorClient(server.wsUrl, token);
    await operator.waitFor('welcome');
    operator.client.subscribe(conversationId, 0);
    await operator.waitFor('synced');

    // Both sides keep writing, without waiting for acks, while the server dies and comes back.
    const acks: Promise<unknown>[] = [first as unknown as Promise<unknown>];
    let sent = 1;
    let stop = false;
    const writer = (async () => {
      for (let i = 1; !stop; i++) {
        acks.push(visitor.client.send({ conversationId, body: `v${i}` }));
        acks.push(operator.client.send({ conversationId, body: `o${i}` }));
        sent += 2;
        await sleep(100);
      }
    })();
    await sleep(800);
    await server.kill('SIGKILL');
    await sleep(300);
    server = await spawnServer(env, port);
    await sleep(800);
    stop = true;
    await writer;
    await Promise.all(acks);

    // Every send was acked exactly once, and storage holds exactly those messages.
    const stored = await api<{ messages: MessageDto[] }>(server.url, `/api/v1/conversations/${conversationId}/messages?after=0&limit=200`, { token });
    expect(stored.body.messages.length).toBe(sent);
    expect(new Set(stored.body.messages.map((m) => m.body)).size).toBe(sent);

    // Each client reconnected by itself and saw every message once, in order.
    const deadline = Date.now() + 15_000;
    while ((visitor.messages(conversationId).length < sent || operator.messages(conversationId).length < sent) && Date.now() < deadline) await sleep(50);
    assertExactlyOnceInOrder(visitor, conversationId, sent);
    assertExactlyOnceInOrder(operator, conversationId, sent);
    expect(visitor.states.filter((s) => s === 'open').length).toBeGreaterThanOrEqual(2);
    expect(operator.states.filter((s) => s === 'open').length).toBeGreaterThanOrEqual(2);
    visitor.close();
    operator.close();
  });
});
