/**
 * Where a WebSocket upgrade comes from. Browsers attach cookies to a WebSocket
 * upgrade from any page and do not stop the page reading the answers, so the
 * session cookie alone must not authenticate a socket opened by another site.
 * The Origin header, which pages cannot forge, tells the console (the server's
 * own origin) from a page elsewhere; `hello` decides with it once it knows who
 * connects.
 */
import type { IncomingMessage } from 'node:http';
import type { Config } from '../config.js';
import type { UpgradeOrigin } from './connection.js';

export function upgradeOrigin(req: IncomingMessage, config: Pick<Config, 'publicUrl' | 'trustProxy'>): UpgradeOrigin {
  const header = req.headers.origin;
  const origin = typeof header === 'string' && header !== '' ? header : undefined;
  if (origin === undefined) return { origin, own: false };
  const normalised = originOf(origin);
  return { origin, own: normalised !== null && ownOrigins(req, config).includes(normalised) };
}

/**
 * PUBLIC_URL's origin when set. Otherwise the host the request was made to
 * (a trusted proxy's X-Forwarded-Host, as the HTTP side reads it, else Host):
 * with the scheme a trusted proxy reports, else either scheme, because TLS may
 * end at a proxy the server knows nothing about (a page on the same host is
 * the server's own either way).
 */
function ownOrigins(req: IncomingMessage, config: Pick<Config, 'publicUrl' | 'trustProxy'>): string[] {
  if (config.publicUrl) return [originOf(config.publicUrl)].filter((o): o is string => o !== null);
  const host = proxyHeader(req, config, 'x-forwarded-host') ?? req.headers.host;
  if (!host) return [];
  const forwarded = proxyHeader(req, config, 'x-forwarded-proto');
  const schemes = forwarded === 'http' || forwarded === 'https' ? [forwarded] : ['http', 'https'];
  return schemes.map((scheme) => originOf(`${scheme}://${host}`)).filter((o): o is string => o !== null);
}

/** The first value of a header set by the proxy, only when the proxy is trusted. */
function proxyHeader(req: IncomingMessage, config: Pick<Config, 'trustProxy'>, name: string): string | undefined {
  if (!config.trustProxy) return undefined;
  const value = req.headers[name];
  const first = (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
  return first || undefined;
}

/** Scheme, host and port as a browser writes them (lower case, no default port); null when not a URL (`null` origins). */
function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}
