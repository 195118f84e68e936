/**
 * Memory per idle widget connection: server RSS growth for N signed-in visitor
 * connections, next to a bare `ws` server holding the same connections.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { PROTOCOL_VERSION } from '@switchboard/protocol';
import { connect, figure, inBatches, type Proc, rssKb, startBareRelay, startSwitchboard } from './support.js';

// Enough connections that their memory dwarfs what each process happens to have reserved already.
const N = Number(process.env.BENCH_CONNECTIONS ?? 6000);
const settle = () => new Promise((r) => setTimeout(r, 3000));

async function perConnection(p: Proc, open: (i: number) => Promise<WebSocket>): Promise<number> {
  await settle();
  const before = rssKb(p.child.pid!);
  const sockets = await inBatches(N, 100, open);
  await settle();
  const after = rssKb(p.child.pid!);
  for (const s of sockets) s.terminate();
  return ((after - before) * 1024) / N;
}

const relay = await startBareRelay();
const bare = await perConnection(relay, async () => {
  let ok: () => void = () => {};
  const welcomed = new Promise<void>((r) => (ok = r));
  const ws = await connect(relay.wsUrl, (f) => f.type === 'welcome' && ok());
  ws.send(JSON.stringify({ type: 'hello' }));
  await welcomed;
  return ws;
});
await relay.stop();

const dir = mkdtempSync(join(tmpdir(), 'sb-mem-'));
const env = { DATA_DIR: dir, SWITCHBOARD_ADMIN_PASSWORD: 'bench-password-1' };
// The visitors are created by a first server process; a fresh one is measured, so the
// figure is the connections alone, not memory left over from creating visitors.
const setup = await startSwitchboard(env);
const login = await fetch(`${setup.url}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'admin@example.com', password: 'bench-password-1' }),
});
const { token } = (await login.json()) as { token: string };
const websiteKey = (
  (await (await fetch(`${setup.url}/api/v1/inboxes`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { websiteKey: string }[] }
).items[0]!.websiteKey;
const tokens = await inBatches(N, 50, async () => {
  const r = await fetch(`${setup.url}/api/v1/widget/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ websiteKey }),
  });
  return ((await r.json()) as { visitorToken: string }).visitorToken;
});
await setup.stop();
const sb = await startSwitchboard(env);
const ours = await perConnection(sb, async (i) => {
  let ok: () => void = () => {};
  const welcomed = new Promise<void>((r) => (ok = r));
  const ws = await connect(sb.wsUrl, (f) => f.type === 'welcome' && ok());
  ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'visitor', websiteKey, visitorToken: tokens[i] } }));
  await welcomed;
  return ws;
});
await sb.stop();
rmSync(dir, { recursive: true, force: true });

console.log(`\nMemory per idle widget connection (${N} signed-in visitor connections, server RSS growth)`);
figure('bare ws server', `${(bare / 1024).toFixed(1)} KB`, 'reference (~9 KB)', null);
figure('Switchboard', `${(ours / 1024).toFixed(1)} KB`, '<= 12 KB', ours <= 12 * 1024);
