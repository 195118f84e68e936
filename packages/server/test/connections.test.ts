/**
 * Many connections at once: the log warns when most of them share one address
 * with TRUST_PROXY off (every visitor then shares one connection budget), and
 * a restart tells clients to come back at spread-out times.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { ServerFrame } from '@switchboard/protocol';
import { startTestServer } from '../../../test/support/server.js';
import { rawClient, type RawClient } from '../../../test/support/clients.js';

/** A pino logger writing into an array, to see what the server warns about. */
function capturedLog() {
  const lines: { level: number; msg: string; connections?: number; total?: number }[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'warn' }, stream), warnings: () => lines.filter((l) => l.level === 40 && /TRUST_PROXY/.test(l.msg)) };
}

const open = (wsUrl: string, n: number) => Promise.all(Array.from({ length: n }, () => rawClient(wsUrl)));
const closeAll = async (cs: RawClient[]) => {
  for (const c of cs) c.ws.close();
  await Promise.all(cs.map((c) => c.closed));
};

describe('connections from one address', () => {
  it('warns once an hour when most of 100 or more connections share one address and TRUST_PROXY is off', async () => {
    const log = capturedLog();
    let offset = 0;
    const s = await startTestServer({ env: { WS_CONNECT_RATE_LIMIT: '1000' }, deps: { logger: log.logger, now: () => Date.now() + offset } });
    const clients: RawClient[] = [];
    try {
      clients.push(...(await open(s.wsUrl, 99)));
      expect(log.warnings()).toEqual([]);
      clients.push(...(await open(s.wsUrl, 1)));
      expect(log.warnings().length).toBe(1);
      expect(log.warnings()[0]).toMatchObject({ connections: 100, total: 100 });
      clients.push(...(await open(s.wsUrl, 20)));
      expect(log.warnings().length).toBe(1);
      offset += 3600_000;
      clients.push(...(await open(s.wsUrl, 1)));
      expect(log.warnings().length).toBe(2);
    } finally {
      await closeAll(clients);
      await s.close();
    }
  });

  it('does not warn when TRUST_PROXY is on', async () => {
    const log = capturedLog();
    const s = await startTestServer({ env: { WS_CONNECT_RATE_LIMIT: '1000', TRUST_PROXY: '1' }, deps: { logger: log.logger } });
    const clients = await open(s.wsUrl, 110);
    try {
      expect(log.warnings()).toEqual([]);
    } finally {
      await closeAll(clients);
      await s.close();
    }
  });
});

describe('a restart', () => {
  it('tells each client a different time to come back, spread over more than a second', async () => {
    const s = await startTestServer({ env: { WS_CONNECT_RATE_LIMIT: '1000' } });
    const clients = await open(s.wsUrl, 60);
    await s.close();
    await Promise.all(clients.map((c) => c.closed));
    const waits = clients.map((c) => (c.frames.find((f) => f.type === 'refused') as Extract<ServerFrame, { type: 'refused' }>).retryAfterMs ?? 0);
    for (const c of clients) expect(c.frames.at(-1)).toMatchObject({ type: 'refused', reason: 'shutting_down' });
    expect(Math.min(...waits)).toBeGreaterThan(0);
    expect(Math.max(...waits)).toBeLessThanOrEqual(15_000);
    expect(Math.max(...waits) - Math.min(...waits)).toBeGreaterThan(1000);
    expect(new Set(waits).size).toBeGreaterThan(50);
  });
});
