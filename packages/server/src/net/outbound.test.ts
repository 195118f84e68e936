import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressClass, guardedFetch, guardedStream, OutboundError } from './outbound.js';

describe('addressClass', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['93.184.216.34', 'public'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['100.127.255.255', 'shared (CGNAT)'],
    ['100.128.0.1', 'public'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:8.8.8.8', 'public'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['64:ff9b::8.8.8.8', 'public'],
    ['2001:db8::1', 'reserved'],
    ['2606:4700:4700::1111', 'public'],
    ['not-an-address', 'reserved'],
  ])('%s is %s', (address, kind) => {
    expect(addressClass(address)).toBe(kind);
  });
});

describe('guardedFetch', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/loop') res.writeHead(302, { location: '/loop' }).end();
      else if (req.url === '/big') res.end('x'.repeat(100_000));
      else if (req.url === '/slow') setTimeout(() => res.end('late'), 2_000).unref();
      else if (req.url === '/moved') res.writeHead(301, { location: '/ok' }).end();
      else res.end(`ok ${req.method}`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('refuses a loopback target unless private targets are allowed', async () => {
    await expect(guardedFetch(`${base}/ok`, {}, { allowPrivate: false })).rejects.toMatchObject({ code: 'blocked_address' });
    const res = await guardedFetch(`${base}/ok`, {}, { allowPrivate: true });
    expect(res.status).toBe(200);
    expect(res.body).toBe('ok GET');
  });

  it('refuses a public name that resolves to a private address, and checks every address it has', async () => {
    const resolve = async () => ['93.184.216.34', '127.0.0.1'];
    const err = await guardedFetch('http://hooks.example.com/', {}, { allowPrivate: false, resolve }).catch((e) => e);
    expect(err).toBeInstanceOf(OutboundError);
    expect(err.message).toContain('127.0.0.1');
  });

  it('connects to the address it checked, not to a second lookup', async () => {
    // The name resolves (once) to the test server's address; the request reaches it with the name in Host.
    const port = (server.address() as AddressInfo).port;
    let lookups = 0;
    const resolve = async () => {
      lookups++;
      return ['127.0.0.1'];
    };
    const res = await guardedFetch(`http://hooks.invalid:${port}/ok`, {}, { allowPrivate: true, resolve });
    expect(res.body).toBe('ok GET');
    expect(lookups).toBe(1);
  });

  it('checks every redirect: a public target redirecting to 127.0.0.1 is refused', async () => {
    // A server on 127.0.0.2 stands for a public one (the test's classifier calls it public) and redirects to loopback.
    let hits = 0;
    const hop = createServer((_req, res) => {
      hits++;
      res.writeHead(302, { location: `${base}/ok` }).end();
    });
    await new Promise<void>((r) => hop.listen(0, '127.0.0.2', r));
    try {
      const hopUrl = `http://127.0.0.2:${(hop.address() as AddressInfo).port}/`;
      const classify = (a: string) => (a === '127.0.0.2' ? 'public' : addressClass(a));
      const err = await guardedFetch(hopUrl, { method: 'POST', body: '{}' }, { allowPrivate: false, classify }).catch((e) => e);
      expect(hits).toBe(1);
      expect(err).toBeInstanceOf(OutboundError);
      expect(err.code).toBe('blocked_address');
      expect(err.message).toContain('127.0.0.1');
      // Allowed, the same chain ends at the target.
      expect((await guardedFetch(hopUrl, {}, { allowPrivate: true })).body).toBe('ok GET');
    } finally {
      await new Promise<void>((r) => hop.close(() => r()));
    }
  });

  it('stops after five redirects, caps the body and times out', async () => {
    await expect(guardedFetch(`${base}/loop`, {}, { allowPrivate: true })).rejects.toMatchObject({ code: 'too_many_redirects' });
    const big = await guardedFetch(`${base}/big`, { maxBytes: 2048 }, { allowPrivate: true });
    expect(big.body.length).toBe(2048);
    await expect(guardedFetch(`${base}/slow`, { timeoutMs: 200 }, { allowPrivate: true })).rejects.toMatchObject({ code: 'timeout' });
    const moved = await guardedFetch(`${base}/moved`, { method: 'POST', body: '{}' }, { allowPrivate: true });
    expect(moved.body).toBe('ok GET');
  });

  it('refuses loopback however the address is written', async () => {
    for (const url of [
      'http://[::1]:1/',
      'http://[::ffff:127.0.0.1]:1/',
      'http://0x7f.1:1/',
      'http://2130706433:1/',
      'http://127.1:1/',
      'http://[0:0:0:0:0:0:0:1]:1/',
    ]) {
      const err = await guardedFetch(url, {}, { allowPrivate: false }).catch((e) => e);
      expect(err, url).toBeInstanceOf(OutboundError);
      expect(err.code, url).toBe('blocked_address');
    }
  });

  it('refuses other schemes and credentials in the address', async () => {
    await expect(guardedFetch('file:///etc/passwd', {}, { allowPrivate: true })).rejects.toMatchObject({ code: 'bad_url' });
    await expect(guardedFetch('ftp://example.com/', {}, { allowPrivate: true })).rejects.toMatchObject({ code: 'bad_url' });
    await expect(guardedFetch('http://u:p@example.com/', {}, { allowPrivate: true })).rejects.toMatchObject({ code: 'bad_url' });
  });
});

describe('guardedStream', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/redirect') return void res.writeHead(302, { location: '/events' }).end('redirect body');
      if (req.url === '/stall') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: one\n\n');
        return; // never ends
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      // "é" split across two writes: the callback sees it whole.
      const e = Buffer.from('é');
      res.write(Buffer.concat([Buffer.from('data: caf'), e.subarray(0, 1)]));
      setTimeout(() => res.end(Buffer.concat([e.subarray(1), Buffer.from('\n\n')])), 20);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('gives the final answer piece by piece, decoded whole, and still collects the body', async () => {
    const pieces: string[] = [];
    const res = await guardedStream(`${base}/redirect`, { onChunk: (t, head) => pieces.push(`${head.status}:${t}`) }, { allowPrivate: true });
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    expect(pieces.every((p) => p.startsWith('200:'))).toBe(true);
    expect(pieces.map((p) => p.slice(4)).join('')).toBe('data: café\n\n');
    expect(res.body).toBe('data: café\n\n');
    expect(res.url).toBe(`${base}/events`);
  });

  it('is refused like a fetch, and a stream that stalls ends with a timeout', async () => {
    await expect(guardedStream(`${base}/events`, { onChunk: () => {} }, { allowPrivate: false })).rejects.toMatchObject({ code: 'blocked_address' });
    const seen: string[] = [];
    const started = Date.now();
    await expect(guardedStream(`${base}/stall`, { timeoutMs: 200, onChunk: (t) => seen.push(t) }, { allowPrivate: true })).rejects.toMatchObject({
      code: 'timeout',
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(seen.join('')).toBe('data: one\n\n');
  });

  it('ends with the callback’s error when it throws', async () => {
    const err = await guardedStream(
      `${base}/events`,
      {
        onChunk: () => {
          throw new Error('stop here');
        },
      },
      { allowPrivate: true },
    ).catch((e) => e);
    expect(err.message).toBe('stop here');
  });
});
