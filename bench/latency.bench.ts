/**
 * Message latency, visitor to operator: 500 concurrent conversations sending
 * 1,000 messages a second in total, on SQLite, next to a bare `ws` relay
 * measured with the same clients in the same run. Goal: p99 at most 1.5x the relay's.
 * With BENCH_TEAMS=10 a second Switchboard runs in the same windows with the
 * operators split into 10 teams (bench/teams.ts): each console hears only its
 * team's summaries. Goal: its p99 within 1.5x the relay-plus-CPU reference's.
 * With BENCH_MOOD=compare a second Switchboard with MOOD_SCORING=off runs in the
 * same windows (the first scores mood, the default): both p99s side by side.
 * Goal: mood scoring does not raise the p99 (within 10%, this machine's noise).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { PROTOCOL_VERSION } from '@switchboard/protocol';
import { connect, figure, inBatches, percentile, type Proc, startBareRelay, startSwitchboard } from './support.js';
import { splitIntoTeams } from './teams.js';

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 500);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const OPERATORS = Number(process.env.BENCH_OPERATORS ?? 10);
/**
 * Calibration: the same relay spending this much CPU per message (a stand-in for
 * storing it) before acking and relaying, measured in the same alternating windows.
 * It shows what any per-message work costs at the tail on this machine. Empty: none.
 */
const REFERENCES_US = (process.env.BENCH_REFERENCE_US ?? '150').split(',').filter(Boolean).map(Number);
const PASSWORD = 'bench-password-1';
const TEAMS = Number(process.env.BENCH_TEAMS ?? 0);
const MOOD_COMPARE = process.env.BENCH_MOOD === 'compare';

interface Setup {
  visitors: { ws: WebSocket; conversationId: string }[];
  operators: WebSocket[];
  latencies: number[];
  recording: { on: boolean };
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

function onMessage(setup: Pick<Setup, 'latencies' | 'recording'>) {
  // biome-ignore lint/suspicious/noExplicitAny: frames of any type, read by field
  return (f: any) => {
    if (f.type !== 'message' || !setup.recording.on) return;
    const sent = Number(String(f.message.body).split(':')[1]);
    if (sent) setup.latencies.push(now() - sent);
  };
}

/** Spreads the conversations over the operators, a few at a time (frames are rate-limited per connection). */
async function subscribeAll(operators: WebSocket[], ids: string[], synced: Map<string, () => void>) {
  for (let start = 0; start < ids.length; start += 20 * operators.length) {
    await Promise.all(
      ids.slice(start, start + 20 * operators.length).map(
        (id, k) =>
          new Promise<void>((resolve) => {
            synced.set(id, resolve);
            (operators[(start + k) % operators.length] as WebSocket).send(JSON.stringify({ type: 'subscribe', conversationId: id }));
          }),
      ),
    );
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function setupSwitchboard(p: Proc, teams = 0): Promise<Setup> {
  const login = await fetch(`${p.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password: PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const inbox = (await (await fetch(`${p.url}/api/v1/inboxes`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
    items: { websiteKey: string }[];
  };
  const websiteKey = inbox.items[0]!.websiteKey;
  const state = { latencies: [] as number[], recording: { on: false } };
  const visitors = await inBatches(CONVERSATIONS, 50, async () => {
    const s = (await (
      await fetch(`${p.url}/api/v1/widget/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ websiteKey }) })
    ).json()) as { visitorToken: string };
    let resolveAck: (id: string) => void = () => {};
    const acked = new Promise<string>((r) => (resolveAck = r));
    let welcomed: () => void = () => {};
    const welcome = new Promise<void>((r) => (welcomed = r));
    let setup = true;
    const ws = await connect(
      p.wsUrl,
      (f) => {
        if (f.type === 'welcome') welcomed();
        if (f.type === 'ack') resolveAck(f.conversationId);
      },
      ['welcome', 'ack'],
      () => setup,
    );
    ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'visitor', websiteKey, visitorToken: s.visitorToken } }));
    await welcome;
    ws.send(JSON.stringify({ type: 'send', clientId: 'first', body: 'hello' }));
    const conversationId = await acked;
    // Once set up, acks are not read, as with the relay's visitors.
    setup = false;
    return { ws, conversationId };
  });
  const synced = new Map<string, () => void>();
  const handle = onMessage(state);
  // Split into teams: each operator signs in as themselves, in their team, following their team's conversations.
  const tokens = teams
    ? await splitIntoTeams(
        p.url,
        token,
        visitors.map((v) => v.conversationId),
        OPERATORS,
        teams,
      )
    : null;
  const operators = await inBatches(OPERATORS, OPERATORS, async (j) => {
    let welcomed: () => void = () => {};
    const welcome = new Promise<void>((r) => (welcomed = r));
    const ws = await connect(
      p.wsUrl,
      (f) => {
        if (f.type === 'welcome') welcomed();
        else if (f.type === 'synced') synced.get(f.conversationId)?.();
        else handle(f);
      },
      ['welcome', 'synced', 'message'],
    );
    ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'operator', token: tokens?.[j] ?? token } }));
    await welcome;
    return ws;
  });
  await subscribeAll(
    operators,
    visitors.map((v) => v.conversationId),
    synced,
  );
  return { visitors, operators, ...state };
}

async function setupRelay(p: Proc): Promise<Setup> {
  const state = { latencies: [] as number[], recording: { on: false } };
  const synced = new Map<string, () => void>();
  const handle = onMessage(state);
  const visitors = await inBatches(CONVERSATIONS, 50, async (i) => ({ ws: await connect(p.wsUrl, () => {}, []), conversationId: `c${i}` }));
  const operators = await inBatches(OPERATORS, OPERATORS, () =>
    connect(p.wsUrl, (f) => (f.type === 'synced' ? synced.get(f.conversationId)?.() : handle(f)), ['welcome', 'synced', 'message']),
  );
  await subscribeAll(
    operators,
    visitors.map((v) => v.conversationId),
    synced,
  );
  return { visitors, operators, ...state };
}

/** One measured window on a set-up target: load at RATE, 1 s warm-up, SECONDS measured. */
async function window(setup: Setup, pid: number): Promise<{ p50: number; p99: number; n: number; rate: number; cpuUs: number }> {
  // Visitors write independently, so sends are spread evenly over time (about one a
  // millisecond at 1,000/s) rather than fired in bursts; the generator catches up if a
  // timer fires late, keeping the offered rate exact.
  let i = 0;
  let sent = 0;
  setup.latencies.length = 0;
  const began = now();
  const timer = setInterval(() => {
    const due = Math.floor(((now() - began) / 1000) * RATE);
    while (sent < due) {
      const v = setup.visitors[i++ % setup.visitors.length]!;
      v.ws.send(JSON.stringify({ type: 'send', conversationId: v.conversationId, clientId: `m${Date.now()}-${i}`, body: `t:${now()}` }));
      sent++;
    }
  }, 1);
  await new Promise((r) => setTimeout(r, 1000));
  setup.recording.on = true;
  const start = now();
  const sentAtStart = sent;
  const cpuAtStart = cpuMs(pid);
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  setup.recording.on = false;
  const cpuUs = ((cpuMs(pid) - cpuAtStart) / (sent - sentAtStart)) * 1000;
  clearInterval(timer);
  const rate = ((sent - sentAtStart) / (now() - start)) * 1000;
  await new Promise((r) => setTimeout(r, 500));
  const sorted = [...setup.latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length, rate, cpuUs };
}

/** CPU time a process has used (user and system), from /proc, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

// Both targets run side by side and are measured in alternating windows, so a
// passing disturbance on the machine weighs on both alike; medians are reported.
const dir = mkdtempSync(join(tmpdir(), 'sb-bench-'));
const relay = await startBareRelay();
const references = await Promise.all(REFERENCES_US.map((us) => startBareRelay(us)));
const sb = await startSwitchboard({ DATA_DIR: dir, SWITCHBOARD_ADMIN_PASSWORD: PASSWORD });
const relaySetup = await setupRelay(relay);
const referenceSetups: Setup[] = [];
for (const r of references) referenceSetups.push(await setupRelay(r));
const sbSetup = await setupSwitchboard(sb);
const teamDir = mkdtempSync(join(tmpdir(), 'sb-bench-teams-'));
const sbTeams = TEAMS ? await startSwitchboard({ DATA_DIR: teamDir, SWITCHBOARD_ADMIN_PASSWORD: PASSWORD }) : null;
const teamsSetup = sbTeams ? await setupSwitchboard(sbTeams, TEAMS) : null;
const moodOffDir = mkdtempSync(join(tmpdir(), 'sb-bench-mood-off-'));
const sbMoodOff = MOOD_COMPARE ? await startSwitchboard({ DATA_DIR: moodOffDir, SWITCHBOARD_ADMIN_PASSWORD: PASSWORD, MOOD_SCORING: 'off' }) : null;
const moodOffSetup = sbMoodOff ? await setupSwitchboard(sbMoodOff) : null;
type Run = Awaited<ReturnType<typeof window>>;
const runs = { relay: [] as Run[], sb: [] as Run[], teams: [] as Run[], moodOff: [] as Run[], references: REFERENCES_US.map(() => [] as Run[]) };
for (let round = 0; round < ROUNDS; round++) {
  runs.relay.push(await window(relaySetup, relay.child.pid!));
  for (const [k, setup] of referenceSetups.entries()) runs.references[k]!.push(await window(setup, references[k]!.child.pid!));
  // The two Switchboards take turns going first, a pause between them: what one leaves behind (its WAL
  // checkpoint on the shared disk) weighs on neither, as the relays' windows come between them otherwise.
  const teamsWindow = async () => {
    if (!sbTeams || !teamsSetup) return;
    await new Promise((r) => setTimeout(r, 2000));
    runs.teams.push(await window(teamsSetup, sbTeams.child.pid!));
    await new Promise((r) => setTimeout(r, 2000));
  };
  const moodOffWindow = async () => {
    if (!sbMoodOff || !moodOffSetup) return;
    await new Promise((r) => setTimeout(r, 2000));
    runs.moodOff.push(await window(moodOffSetup, sbMoodOff.child.pid!));
    await new Promise((r) => setTimeout(r, 2000));
  };
  if (round % 2 === 1) await teamsWindow();
  if (round % 2 === 1) await moodOffWindow();
  runs.sb.push(await window(sbSetup, sb.child.pid!));
  if (round % 2 === 0) await teamsWindow();
  if (round % 2 === 0) await moodOffWindow();
}
for (const s of [relaySetup, ...referenceSetups, sbSetup, ...(teamsSetup ? [teamsSetup] : []), ...(moodOffSetup ? [moodOffSetup] : [])])
  for (const c of [...s.visitors.map((v) => v.ws), ...s.operators]) c.terminate();
await Promise.all([relay, ...references, sb, ...(sbTeams ? [sbTeams] : []), ...(sbMoodOff ? [sbMoodOff] : [])].map((p) => p.stop()));
rmSync(teamDir, { recursive: true, force: true });
rmSync(moodOffDir, { recursive: true, force: true });
if (process.env.BENCH_KEEP) console.log('kept', dir);
else rmSync(dir, { recursive: true, force: true });

const summary = (xs: typeof runs.sb) => ({
  p50: median(xs.map((x) => x.p50)),
  p99: median(xs.map((x) => x.p99)),
  n: xs.reduce((a, x) => a + x.n, 0),
  rate: median(xs.map((x) => x.rate)),
  p99s: xs.map((x) => x.p99.toFixed(2)).join(' / '),
  cpuUs: median(xs.map((x) => x.cpuUs)),
});
const r = summary(runs.relay);
const o = summary(runs.sb);
const line = (name: string, x: ReturnType<typeof summary>, note = '') =>
  console.log(
    `  ${name.padEnd(30)} p50 ${x.p50.toFixed(2)} ms  p99 ${x.p99.toFixed(2)} ms  server CPU ${x.cpuUs.toFixed(0)} µs/message  (medians; p99 per window ${x.p99s}; ${x.n} messages, ${x.rate.toFixed(0)}/s${note})`,
  );
console.log(
  `\nMessage latency, visitor to operator: ${CONVERSATIONS} conversations, ${RATE} messages/s offered, ${ROUNDS} alternating windows of ${SECONDS} s each`,
);
line('bare ws relay', r);
for (const [k, us] of REFERENCES_US.entries()) {
  const x = summary(runs.references[k]!);
  line(`relay + ${us} µs CPU per message`, x, `; p99 ${(x.p99 / r.p99).toFixed(2)}x the bare relay's`);
}
line(MOOD_COMPARE ? 'Switchboard, mood on' : 'Switchboard', o, '; SQLite, stored before delivery');
const m = runs.moodOff.length ? summary(runs.moodOff) : null;
if (m) line('Switchboard, mood off', m, '; MOOD_SCORING=off');
const t = runs.teams.length ? summary(runs.teams) : null;
if (t) line(`Switchboard, ${TEAMS} teams`, t, '; each console hears its team only');
const ratio = o.p99 / r.p99;
figure('p99 Switchboard / p99 bare relay', `${ratio.toFixed(2)}x`, '<= 1.5x', ratio <= 1.5);
if (m) {
  console.log(`  mood on / off: p99 ${o.p99.toFixed(2)} ms / ${m.p99.toFixed(2)} ms, server CPU ${o.cpuUs.toFixed(0)} / ${m.cpuUs.toFixed(0)} µs per message`);
  const moodRatio = o.p99 / m.p99;
  figure('p99 mood on / p99 mood off', `${moodRatio.toFixed(2)}x`, '<= 1.1x', moodRatio <= 1.1);
}
if (t && REFERENCES_US.length) {
  const reference = summary(runs.references[0]!);
  const teamRatio = t.p99 / reference.p99;
  figure(`p99 Switchboard in ${TEAMS} teams / p99 relay + ${REFERENCES_US[0]} µs`, `${teamRatio.toFixed(2)}x`, '<= 1.5x', teamRatio <= 1.5);
}
