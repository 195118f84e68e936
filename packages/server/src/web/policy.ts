/**
 * The Content Security Policies of the console and of the widget's chat frame,
 * and the strict reading of the frame's address. Same-origin WebSockets are
 * covered by 'self' (CSP Level 3), so no page may connect anywhere else.
 */
import { AppError } from '../errors.js';
import { widgetKeyQuery } from '../widget/widget.js';

const COMMON = ["default-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'"];

export const CONSOLE_CSP = [...COMMON, "img-src 'self' data: blob:", "style-src 'self' 'unsafe-inline'", "form-action 'self'", "frame-ancestors 'none'"].join(
  '; ',
);

/** The origins allowed to frame the chat: the inbox's allowed origins, or any page when it has none. */
export function frameAncestors(allowedOrigins: string[]): string {
  const origins = allowedOrigins.filter((o) => URL.canParse(o)).map((o) => new URL(o).origin);
  if (allowedOrigins.length === 0) return '*';
  // A list with nothing usable in it (a damaged setting) allows no page rather than every page.
  return origins.length ? [...new Set(origins)].join(' ') : "'none'";
}

export function frameCsp(allowedOrigins: string[]): string {
  // The composer's form is sent by script: the frame never submits a form anywhere.
  return [...COMMON, "img-src 'self' blob:", "style-src 'self'", "form-action 'none'", `frame-ancestors ${frameAncestors(allowedOrigins)}`].join('; ');
}

/** `?key=<website key>`, given once: a repeated or malformed parameter is refused rather than guessed at. */
export function frameQuery(query: unknown): { key: string } {
  const q = (query ?? {}) as Record<string, unknown>;
  const repeated = Object.keys(q).filter((k) => Array.isArray(q[k]));
  if (repeated.length) throw new AppError('bad_request', `Give ${repeated.join(', ')} once`);
  const r = widgetKeyQuery.safeParse(q);
  if (!r.success) throw new AppError('bad_request', 'The address has no valid website key');
  return r.data;
}
