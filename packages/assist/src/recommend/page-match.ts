/**
 * Which product a page is: a visitor's address is matched against the
 * products' page URLs by host and path (query, hash, "www." and a trailing
 * slash left out), then by path alone, so a shop seen through a preview host
 * or a staging domain still matches. The root path never matches by itself.
 */

export function pageKeys(url: string): { full: string; path: string } | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    const path = decodeURIComponent(u.pathname).replace(/\/+$/, '').toLowerCase();
    const host = u.hostname.toLowerCase().replace(/^www\./, '');
    return { full: `${host}${path}`, path };
  } catch {
    return null;
  }
}

export class PageIndex {
  private readonly byFull = new Map<string, string>();
  private readonly byPath = new Map<string, string | null>();

  add(productId: string, pageUrl: string | null): void {
    const keys = pageUrl ? pageKeys(pageUrl) : null;
    if (!keys) return;
    if (!this.byFull.has(keys.full)) this.byFull.set(keys.full, productId);
    if (keys.path === '') return;
    // A path two products share says nothing about either.
    const seen = this.byPath.get(keys.path);
    this.byPath.set(keys.path, seen === undefined || seen === productId ? productId : null);
  }

  productAt(url: string): string | null {
    const keys = pageKeys(url);
    if (!keys) return null;
    return this.byFull.get(keys.full) ?? (keys.path ? (this.byPath.get(keys.path) ?? null) : null);
  }
}
