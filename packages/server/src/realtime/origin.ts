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
 * PUBLIC_URL's origin when set. Otherwise the Host the request was made to:
 * with the scheme the proxy reports when it is trusted, else either scheme,
 * because TLS may end at a proxy the server knows nothing about (a page on the
 * same host is the server's own either way).
 */
function ownOrigins(req: IncomingMessage, config: Pick<Config, 'publicUrl' | 'trustProxy'>): string[] {
  if (config.publicUrl) return [originOf(config.publicUrl)].filter((o): o is string => o !== null);
  const host = req.headers.host;
  if (!host) return [];
  const forwarded = config.trustProxy
    ? String(req.headers['x-forwarded-proto'] ?? '')
        .split(',')[0]
        ?.trim()
    : undefined;
  const schemes = forwarded === 'http' || forwarded === 'https' ? [forwarded] : ['http', 'https'];
  return schemes.map((scheme) => originOf(`${scheme}://${host}`)).filter((o): o is string => o !== null);
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
