/**
 * Open realtime connections per client address. When most of them share one
 * address while TRUST_PROXY is off, the server is almost certainly behind a
 * reverse proxy it does not trust: every limit per address (new connections,
 * sign-ins, widget sessions) then applies to all visitors together, and after
 * a restart a thousand visitors wait on one address's connection budget. The
 * log says so, at most once an hour.
 */
import type { Context } from '../context.js';

const MIN_CONNECTIONS = 100;
const WARN_EVERY_MS = 3600_000;

export class AddressCounts {
  private readonly counts = new Map<string, number>();
  private total = 0;
  private warnedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly ctx: Pick<Context, 'config' | 'log' | 'now'>) {}

  add(address: string): void {
    const n = (this.counts.get(address) ?? 0) + 1;
    this.counts.set(address, n);
    this.total++;
    if (this.ctx.config.trustProxy || this.total < MIN_CONNECTIONS || n * 2 <= this.total) return;
    const now = this.ctx.now();
    if (now - this.warnedAt < WARN_EVERY_MS) return;
    this.warnedAt = now;
    this.ctx.log.warn(
      { address, connections: n, total: this.total },
      `${n} of ${this.total} realtime connections come from ${address}: if Switchboard is behind a reverse proxy, set TRUST_PROXY=1 ` +
        '(and have the proxy send X-Forwarded-For), or limits per address such as WS_CONNECT_RATE_LIMIT apply to all visitors at once',
    );
  }

  remove(address: string): void {
    const n = (this.counts.get(address) ?? 0) - 1;
    if (n > 0) this.counts.set(address, n);
    else this.counts.delete(address);
    this.total = Math.max(0, this.total - 1);
  }
}
