/** Shared pieces of the benchmarks: servers as child processes, raw protocol clients, figures. */
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { freePort } from '../test/support/process.js';

export const repo = fileURLToPath(new URL('..', import.meta.url));

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

export function figure(name: string, value: string, goal: string, ok: boolean | null): void {
  const mark = ok === null ? '' : ok ? '  [meets goal]' : '  [MISSES goal]';
  console.log(`  ${name.padEnd(44)} ${value.padEnd(22)} goal: ${goal}${mark}`);
}

export interface Proc {
  child: ChildProcess;
  url: string;
  wsUrl: string;
  stop(): Promise<void>;
}

async function waitHttp(url: string, child: ChildProcess, out: () => string): Promise<void> {
  const end = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited:\n${out()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* starting */
    }
    if (Date.now() > end) throw new Error(`did not start:\n${out()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function proc(args: string[], env: Record<string, string>, readyPath: string): Promise<Proc> {
  return (async () => {
    const port = await freePort();
    let out = '';
    // BENCH_SERVER_CPUS=1 runs servers on that CPU (taskset), away from the load generator.
    const cpus = process.env.BENCH_SERVER_CPUS;
    const child = spawn(cpus ? 'taskset' : process.execPath, cpus ? ['-c', cpus, process.execPath, ...args] : args, {
      cwd: repo,
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (out += d));
    // BENCH_SERVER_LOG=FILE keeps what the server printed (with BENCH_NODE_ARGS=--trace-gc, say).
    if (process.env.BENCH_SERVER_LOG) child.on('exit', () => appendFileSync(process.env.BENCH_SERVER_LOG as string, out));
    const url = `http://127.0.0.1:${port}`;
    await waitHttp(url + readyPath, child, () => out);
    return {
      child,
      url,
      wsUrl: `ws://127.0.0.1:${port}/ws`,
      stop: () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    };
  })();
}

/** Switchboard from its production bundle (npm run build). */
export const startSwitchboard = (env: Record<string, string>) =>
  proc(
    [...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []), 'packages/server/dist/main.js'],
    // Every benchmark client comes from one address.
    { LOGIN_RATE_LIMIT: '100000', WIDGET_SESSION_RATE_LIMIT: '100000', WS_CONNECT_RATE_LIMIT: '1000000', ...env },
    '/readyz',
  );

/** The bare `ws` relay the realtime figures are compared with; `workUs` of CPU per message makes it a calibration reference. */
export const startBareRelay = (workUs = 0) => proc(['bench/bare-relay.mjs'], { RELAY_WORK_US: String(workUs) }, '/');

/**
 * A raw protocol connection: JSON frames in, a callback per frame out. With
 * `only`, frames of other types are dropped unparsed: many consoles share this
 * one measuring process, and parsing what is not measured would add its own
 * delay to what is.
 */
// biome-ignore lint/suspicious/noExplicitAny: frames of any type, read by field
export function connect(url: string, onFrame: (f: any) => void, only?: string[], listening: () => boolean = () => true): Promise<WebSocket> {
  const prefixes = only?.map((t) => `{"type":"${t}"`);
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.on('message', (d: Buffer) => {
      if (!listening()) return;
      // Look at the type before decoding: unmeasured frames (inbox batches) can be large.
      if (prefixes) {
        const head = d.subarray(0, 32).toString();
        if (!prefixes.some((p) => head.startsWith(p))) return;
      }
      onFrame(JSON.parse(d.toString()));
    });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

export async function inBatches<T>(n: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += size) out.push(...(await Promise.all(Array.from({ length: Math.min(size, n - i) }, (_, k) => make(i + k)))));
  return out;
}
