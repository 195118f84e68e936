/**
 * The one way Switchboard calls out to an address someone typed (webhooks,
 * bots). It resolves the name itself, refuses private, loopback, link-local,
 * unique-local, shared (CGNAT), multicast, reserved and unspecified
 * addresses (and their IPv4-mapped and NAT64 forms), then connects to the
 * very address it checked: the socket's `lookup` is pinned to it, so a name
 * that resolves elsewhere a moment later (DNS rebinding) changes nothing.
 * Redirects are followed by hand, at most five, each hop checked the same
 * way. Every call has a timeout and reads at most `maxBytes` of the answer.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { StringDecoder } from 'node:string_decoder';

export interface GuardedInit {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  /** The whole call, redirects included. Default 10 s. */
  timeoutMs?: number;
  /** Read at most this much of the answer's body (the rest is dropped). Default 64 KiB. */
  maxBytes?: number;
  signal?: AbortSignal;
}

export interface GuardOptions {
  /** An admin allowed private targets for the workspace (tests reach their local server this way). */
  allowPrivate: boolean;
  /** Name resolution, for tests (default: the system resolver, every address). */
  resolve?: (hostname: string) => Promise<string[]>;
  /** What kind an address is, for tests that stand a loopback server in for a public one (default: addressClass). */
  classify?: (address: string) => AddressClass;
}

export interface GuardedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** At most `maxBytes`, as UTF-8. */
  body: string;
  /** The same, as the bytes read (images are not text). */
  bytes?: Buffer;
  /** The URL that answered, after redirects. */
  url: string;
}

/** A refused or failed call: `code` says which, the message says why in words (it goes to the delivery log). */
export class OutboundError extends Error {
  constructor(
    readonly code: 'blocked_address' | 'bad_url' | 'too_many_redirects' | 'timeout' | 'network',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OutboundError';
  }
}

/** The answer's status and headers, given with each streamed chunk. */
export type ResponseHead = Pick<GuardedResponse, 'status' | 'headers'>;

export interface StreamInit extends GuardedInit {
  /**
   * Each piece of the final answer's body (not a redirect's) as it arrives, decoded as UTF-8 (a character split
   * between two reads is given whole), within `maxBytes`. The body is also collected whole, as by guardedFetch.
   */
  onChunk: (text: string, head: ResponseHead) => void;
}

const MAX_REDIRECTS = 5;

export function guardedFetch(url: string, init: GuardedInit, opts: GuardOptions): Promise<GuardedResponse> {
  return call(url, init, opts, undefined);
}

/**
 * guardedFetch, with the answer read as it arrives (a language model's server-sent events): the same checks,
 * redirects, timeout (over the whole stream) and size limit.
 */
export function guardedStream(url: string, init: StreamInit, opts: GuardOptions): Promise<GuardedResponse> {
  return call(url, init, opts, init.onChunk);
}

async function call(url: string, init: GuardedInit, opts: GuardOptions, onChunk: StreamInit['onChunk'] | undefined): Promise<GuardedResponse> {
  const timeoutMs = init.timeoutMs ?? 10_000;
  const maxBytes = init.maxBytes ?? 64 * 1024;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new OutboundError('timeout', `No answer within ${timeoutMs / 1000} s`)), timeoutMs);
  const onAbort = () => controller.abort(init.signal?.reason);
  init.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let current = url;
    let method = init.method ?? 'GET';
    let body = init.body;
    for (let hop = 0; ; hop++) {
      const target = parseTarget(current);
      const address = await checkedAddress(target.hostname, opts);
      const res = await request(target, address, { method, headers: init.headers ?? {}, body, maxBytes, signal: controller.signal, onChunk });
      // A stream cut by the timeout or the caller is no answer (a plain fetch keeps what it read, as before).
      if (onChunk && controller.signal.aborted) throw controller.signal.reason;
      const location = res.headers.location;
      if (res.status >= 300 && res.status < 400 && typeof location === 'string') {
        if (hop >= MAX_REDIRECTS) throw new OutboundError('too_many_redirects', `More than ${MAX_REDIRECTS} redirects`);
        current = new URL(location, current).toString();
        // 303 (and, as browsers do, 301/302 after a POST) go on as a GET without the body.
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }
      return { ...res, url: current };
    }
  } catch (err) {
    if (controller.signal.aborted && controller.signal.reason instanceof OutboundError) throw controller.signal.reason;
    throw err;
  } finally {
    clearTimeout(timer);
    init.signal?.removeEventListener('abort', onAbort);
  }
}

function parseTarget(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new OutboundError('bad_url', 'Not a valid URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new OutboundError('bad_url', 'Only http and https addresses can be called');
  if (u.username || u.password) throw new OutboundError('bad_url', 'Addresses with a user name or password are not allowed');
  return u;
}

/** The one address the call will connect to, after every address of the name was checked. */
async function checkedAddress(hostname: string, opts: GuardOptions): Promise<{ address: string; family: 4 | 6 }> {
  const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = opts.resolve ? await opts.resolve(host) : (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch (err) {
      throw new OutboundError('network', `Could not resolve ${host}`, { cause: err });
    }
  }
  if (addresses.length === 0) throw new OutboundError('network', `Could not resolve ${host}`);
  if (!opts.allowPrivate) {
    // Every address the name has must be public: the resolver may hand out another one next time.
    for (const a of addresses) {
      const kind = (opts.classify ?? addressClass)(a);
      if (kind !== 'public') {
        throw new OutboundError('blocked_address', `${host} resolves to ${a}, a ${kind} address; private targets are not allowed in this workspace`);
      }
    }
  }
  // IPv4 first when the name has both: a machine without an IPv6 route still gets through.
  const address = addresses.find((a) => isIP(a) === 4) ?? addresses[0]!;
  return { address, family: isIP(address) === 6 ? 6 : 4 };
}

function request(
  url: URL,
  pinned: { address: string; family: 4 | 6 },
  o: {
    method: string;
    headers: Record<string, string>;
    body: string | undefined;
    maxBytes: number;
    signal: AbortSignal;
    onChunk: StreamInit['onChunk'] | undefined;
  },
): Promise<Omit<GuardedResponse, 'url'>> {
  // Connect to the checked address whatever the name resolves to now; TLS still checks the certificate for the name.
  const lookup: LookupFunction = (_host, options, cb) => {
    if ((options as { all?: boolean }).all) (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
    else cb(null, pinned.address, pinned.family);
  };
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'user-agent': 'Switchboard-Webhooks/1', ...o.headers };
    if (o.body !== undefined) headers['content-length'] = String(Buffer.byteLength(o.body));
    const req = lib.request(url, { method: o.method, headers, lookup, signal: o.signal, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const head: ResponseHead = { status: res.statusCode ?? 0, headers: res.headers };
      // A redirect's body is not the answer: only the final answer is streamed.
      const redirect = head.status >= 300 && head.status < 400 && typeof res.headers.location === 'string';
      let decoder = o.onChunk && !redirect ? new StringDecoder('utf8') : null;
      // The caller's callback failing ends the call with its error.
      const emit = (text: string) => {
        if (!text) return;
        try {
          o.onChunk?.(text, head);
        } catch (err) {
          decoder = null;
          res.destroy();
          reject(err);
        }
      };
      res.on('data', (chunk: Buffer) => {
        if (size >= o.maxBytes) return;
        const part = chunk.subarray(0, o.maxBytes - size);
        chunks.push(part);
        size += part.length;
        if (decoder) emit(decoder.write(part));
        // Enough read: stop the transfer rather than download the rest.
        if (size >= o.maxBytes) res.destroy();
      });
      const done = () => {
        const rest = decoder?.end();
        decoder = null;
        if (rest) emit(rest);
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString('utf8'), bytes });
      };
      res.on('end', done);
      res.on('close', done);
      res.on('error', (err) => (size >= o.maxBytes ? done() : reject(err)));
    });
    req.on('error', (err) => reject(o.signal.aborted ? err : new OutboundError('network', err.message, { cause: err })));
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}

export type AddressClass = 'public' | 'private' | 'loopback' | 'link-local' | 'unique-local' | 'shared (CGNAT)' | 'multicast' | 'unspecified' | 'reserved';

const V4_RANGES: [string, number, AddressClass][] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared (CGNAT)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

function v4ToInt(a: string): number {
  return a.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function classifyV4(n: number): AddressClass {
  for (const [base, bits, kind] of V4_RANGES) {
    const size = 2 ** (32 - bits);
    const start = v4ToInt(base);
    if (n >= start && n < start + size) return kind;
  }
  return 'public';
}

/** The 8 groups of an IPv6 address (a trailing dotted quad allowed), or null. */
function v6Groups(a: string): number[] | null {
  let s = a.split('%')[0]!.toLowerCase();
  const lastColon = s.lastIndexOf(':');
  const last = s.slice(lastColon + 1);
  if (last.includes('.')) {
    // A trailing dotted quad is the last two groups.
    if (isIP(last) !== 4) return null;
    const n = v4ToInt(last);
    s = `${s.slice(0, lastColon + 1)}${Math.floor(n / 65536).toString(16)}:${(n % 65536).toString(16)}`;
  }
  const [head, rest] = s.split('::') as [string, string | undefined];
  const parse = (x: string) => (x === '' ? [] : x.split(':').map((g) => Number.parseInt(g, 16)));
  const h = parse(head);
  const r = rest === undefined ? [] : parse(rest);
  const missing = 8 - h.length - r.length;
  if (rest === undefined ? missing !== 0 : missing < 0) return null;
  const groups = [...h, ...Array(rest === undefined ? 0 : missing).fill(0), ...r];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** What kind of address this is; anything but 'public' is refused unless private targets are allowed. */
export function addressClass(address: string): AddressClass {
  const family = isIP(address.split('%')[0]!);
  if (family === 4) return classifyV4(v4ToInt(address));
  if (family !== 6) return 'reserved';
  const g = v6Groups(address);
  if (!g) return 'reserved';
  const embeddedV4 = () => g[6]! * 65536 + g[7]!;
  const zeroTo = (i: number) => g.slice(0, i).every((x) => x === 0);
  if (zeroTo(8)) return 'unspecified';
  if (zeroTo(7) && g[7] === 1) return 'loopback';
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (the old compatible form): the IPv4 address decides.
  if (zeroTo(5) && g[5] === 0xffff) return classifyV4(embeddedV4());
  if (zeroTo(6)) return classifyV4(embeddedV4());
  // NAT64 (64:ff9b::/96) reaches the embedded IPv4 address.
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return classifyV4(embeddedV4());
  if ((g[0]! & 0xfe00) === 0xfc00) return 'unique-local';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local';
  // Site-local (deprecated, fec0::/10): as private as it gets.
  if ((g[0]! & 0xffc0) === 0xfec0) return 'private';
  if ((g[0]! & 0xff00) === 0xff00) return 'multicast';
  if (g[0] === 0x2001 && g[1] === 0xdb8) return 'reserved';
  return 'public';
}
