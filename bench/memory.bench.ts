/**
 * Memory per idle widget connection: server RSS growth for N signed-in visitor
 * connections, next to a bare `ws` server holding the same connections.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { connect, figure, inBatches, type Proc, rssKb, startBareRelay, startSwitchboard } from './support.js';

const N = Number(process.env.BENCH_CONNECTIONS ?? 2000);
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
const sb = await startSwitchboard({ DATA_DIR: dir, SWITCHBOARD_ADMIN_PASSWORD: 'bench-password-1' });
const login = await fetch(`${sb.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@example.com', password: 'bench-password-1' }) });
const { token } = (await login.json()) as { token: string };
const websiteKey = ((await (await fetch(`${sb.url}/api/v1/inboxes`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { websiteKey: string }[] }).items[0]!.websiteKey;
// Visitors exist before measuring: the figure is the connection, not the HTTP session.
const tokens = await inBatches(N, 50, async () => {
  const r = await fetch(`${sb.url}/api/v1/widget/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ websiteKey }) });
  return ((await r.json()) as { visitorToken: string }).visitorToken;
});
const ours = await perConnection(sb, async (i) => {
  let ok: () => void = () => {};
  const welcomed = new Promise<void>((r) => (ok = r));
  const ws = await connect(sb.wsUrl, (f) => f.type === 'welcome' && ok());
  ws.send(JSON.stringify({ type: 'hello', v: 1, auth: { kind: 'visitor', websiteKey, visitorToken: tokens[i] } }));
  await welcomed;
  return ws;
});
await sb.stop();
rmSync(dir, { recursive: true, force: true });

console.log(`\nMemory per idle widget connection (${N} signed-in visitor connections, server RSS growth)`);
figure('bare ws server', `${(bare / 1024).toFixed(1)} KB`, 'reference (~9 KB)', null);
figure('Switchboard', `${(ours / 1024).toFixed(1)} KB`, '<= 12 KB', ours <= 12 * 1024);
