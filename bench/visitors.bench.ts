/**
 * The live Visitors list at scale: 5,000 visitors online (real WebSocket
 * connections from this process, each signed in as its own visitor and on a
 * page) moving between pages, each every 20 s on average (about 250 page
 * changes a second), and one real console in Chromium on the Visitors page.
 * Measured in alternating windows, visitors still and visitors moving:
 * - what the console spends (CDP Performance.getMetrics TaskDuration and
 *   ScriptDuration over wall time, as a share of one core); goal under 10%
 *   while they move;
 * - the server's CPU (user + system, /proc) per page change, each change a
 *   page view stored, the visitor's presence announced and the console's
 *   batch sent.
 * The machine is shared and noisy: each figure is a range over the windows.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { PROTOCOL_VERSION } from '@switchboard/protocol';
import { launchBrowser } from '../test/support/browser.js';
import { connect, figure, inBatches, startSwitchboard } from './support.js';

const N = Number(process.env.BENCH_VISITORS ?? 5000);
const MOVE_EVERY_S = Number(process.env.BENCH_MOVE_EVERY_S ?? 20);
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 10);
const WINDOWS = Number(process.env.BENCH_WINDOWS ?? 3);
const PASSWORD = 'bench-password-visitors';
const PAGES = ['/', '/tents', '/tents/trail-2p', '/tents/summit-3p', '/sleeping-bags', '/stoves', '/cart', '/checkout', '/faq', '/returns'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cpuMs = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
};

const dir = mkdtempSync(join(tmpdir(), 'sb-visitors-'));
const sb = await startSwitchboard({ DATA_DIR: dir, SWITCHBOARD_ADMIN_PASSWORD: PASSWORD });
const pid = sb.child.pid!;
const login = await fetch(`${sb.url}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'admin@example.com', password: PASSWORD }),
});
const { token } = (await login.json()) as { token: string };
const websiteKey = (
  (await (await fetch(`${sb.url}/api/v1/inboxes`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { websiteKey: string }[] }
).items[0]!.websiteKey;

console.log(`\nVisitors list: ${N} visitors online, each moving every ${MOVE_EVERY_S} s on average (~${Math.round(N / MOVE_EVERY_S)} page changes/s)`);
const started = Date.now();
const visitors = await inBatches(N, 50, async () => {
  const r = await fetch(`${sb.url}/api/v1/widget/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ websiteKey }),
  });
  return (await r.json()) as { visitorId: string; visitorToken: string };
});
const tokens = visitors.map((v) => v.visitorToken);
let n = 0;
const page = (i: number) => {
  const path = PAGES[(i + n++) % PAGES.length]!;
  return JSON.stringify({
    type: 'page',
    url: `https://shop.example${path}?v=${n}`,
    title: `Shop ${path}`,
    referrer: '',
    timeZone: 'Europe/Paris',
    locale: 'fr-FR',
  });
};
const sockets: WebSocket[] = await inBatches(N, 100, async (i) => {
  let ok: () => void = () => {};
  const welcomed = new Promise<void>((r) => (ok = r));
  const ws = await connect(sb.wsUrl, (f) => f.type === 'welcome' && ok(), ['welcome']);
  ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'visitor', websiteKey, visitorToken: tokens[i] } }));
  await welcomed;
  ws.send(page(i));
  return ws;
});
console.log(`  ${N} visitors connected and on a page in ${((Date.now() - started) / 1000).toFixed(0)} s`);

const browser = await launchBrowser();
const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
const consolePage = await ctx.newPage();
await consolePage.goto(`${sb.url}/console/`);
await consolePage.getByLabel('Email').fill('admin@example.com');
await consolePage.getByLabel('Password').fill(PASSWORD);
await consolePage.getByRole('button', { name: 'Sign in' }).click();
await consolePage.getByRole('region', { name: 'Conversations' }).waitFor();
await consolePage.goto(`${sb.url}/console/#/visitors`);
const countText = `${N.toLocaleString('en')} visitors online`;
await consolePage.getByText(countText).waitFor({ timeout: 120_000 });
const cdp = await ctx.newCDPSession(consolePage);
await cdp.send('Performance.enable');
const metrics = async () => {
  const { metrics: m } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const get = (name: string) => m.find((x) => x.name === name)?.value ?? 0;
  return { task: get('TaskDuration'), script: get('ScriptDuration') };
};

let moving = false;
let changes = 0;
// Each visitor moves every MOVE_EVERY_S on average: N / MOVE_EVERY_S changes a second, spread over 20 ms ticks.
const perTick = N / MOVE_EVERY_S / 50;
let carry = 0;
const mover = setInterval(() => {
  if (!moving) return;
  carry += perTick;
  for (; carry >= 1; carry--) {
    const i = Math.floor(Math.random() * N);
    sockets[i]!.send(page(i));
    changes++;
  }
}, 20);

interface Window {
  consolePct: number;
  scriptPct: number;
  serverPct: number;
  changes: number;
  serverUsPerChange: number;
}
async function measure(move: boolean): Promise<Window> {
  moving = move;
  await sleep(2000); // settle into the regime
  const c0 = changes;
  const m0 = await metrics();
  const s0 = cpuMs(pid);
  const t0 = performance.now();
  await sleep(WINDOW_S * 1000);
  const m1 = await metrics();
  const s1 = cpuMs(pid);
  const wall = (performance.now() - t0) / 1000;
  const done = changes - c0;
  return {
    consolePct: ((m1.task - m0.task) / wall) * 100,
    scriptPct: ((m1.script - m0.script) / wall) * 100,
    serverPct: ((s1 - s0) / 1000 / wall) * 100,
    changes: done,
    serverUsPerChange: done ? ((s1 - s0) * 1000) / done : 0,
  };
}

const still: Window[] = [];
const move: Window[] = [];
for (let w = 0; w < WINDOWS; w++) {
  still.push(await measure(false));
  move.push(await measure(true));
}
moving = false;
clearInterval(mover);
const shown = await consolePage.getByText(countText).count();
// The deltas reach the list: the visitor in the top row moves to a page of its own.
const top = ((await consolePage.locator('.visitors-table tbody tr[data-visitor]').first().getAttribute('data-visitor')) ?? '') as string;
sockets[
  Math.max(
    0,
    visitors.findIndex((v) => v.visitorId === top),
  )
]!.send(JSON.stringify({ type: 'page', url: 'https://shop.example/bench-check', title: 'Bench check page', referrer: '' }));
const moved = await consolePage
  .getByRole('link', { name: 'Bench check page' })
  .waitFor({ timeout: 15_000 })
  .then(() => true)
  .catch(() => false);

const range = (xs: number[], digits = 1) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[0]!.toFixed(digits)}–${s.at(-1)!.toFixed(digits)}`;
};
const rate = move.map((w) => w.changes / WINDOW_S);
console.log(`  ${WINDOWS} windows of ${WINDOW_S} s each way; page changes while moving: ${range(rate, 0)} a second`);
figure(
  'console CPU, visitors moving (TaskDuration)',
  `${range(move.map((w) => w.consolePct))} %`,
  '< 10 % of a core',
  Math.max(...move.map((w) => w.consolePct)) < 10,
);
figure('  of which script (ScriptDuration)', `${range(move.map((w) => w.scriptPct))} %`, 'reference', null);
figure('console CPU, visitors still (ticking only)', `${range(still.map((w) => w.consolePct))} %`, 'reference', null);
figure('server CPU, visitors moving', `${range(move.map((w) => w.serverPct))} %`, 'reference', null);
figure('server CPU, visitors still', `${range(still.map((w) => w.serverPct))} %`, 'reference', null);
// What moving adds over the same number of visitors standing still (heartbeats, ticking), per change.
const perChange = move.map((w, i) => (((w.serverPct - (still[i]?.serverPct ?? 0)) / 100) * WINDOW_S * 1e6) / Math.max(1, w.changes));
figure(
  'server CPU per page change (total)',
  `${range(
    move.map((w) => w.serverUsPerChange),
    0,
  )} µs`,
  '<= 1000 µs',
  Math.max(...move.map((w) => w.serverUsPerChange)) <= 1000,
);
figure('server CPU per page change (above still)', `${range(perChange, 0)} µs`, 'reference', null);
figure('console shows every visitor online', shown ? countText : 'no', `"${countText}"`, shown > 0);
figure('console shows a visitor moving', moved ? 'yes' : 'no', 'yes', moved);

await browser.close();
for (const s of sockets) s.terminate();
await sb.stop();
rmSync(dir, { recursive: true, force: true });
