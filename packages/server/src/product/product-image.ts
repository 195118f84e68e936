/**
 * The checked copy of a product's image (E2), what cards show instead of the
 * shop's address: fetched only through the outbound guard (no private,
 * loopback or link-local address, after DNS and on every redirect, unless
 * the workspace allows private targets — the webhook setting), at most
 * 5 MB within a timeout, and kept only when its bytes are a raster image
 * (PNG, JPEG, GIF, WebP, AVIF: never SVG, never what the header claims
 * alone). Copies are kept in a bounded in-memory LRU keyed by the product's
 * image address; a refusal is remembered a few minutes so a broken image is
 * not fetched for every visitor.
 */
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import { guardedFetch, OutboundError } from '../net/outbound.js';
import { allowsPrivate } from '../webhook/webhook.repository.js';
import { httpUrlOrNull } from './product-card.js';
import { findProduct } from './product.repository.js';

export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
const TIMEOUT_MS = 8000;
const CACHE_BYTES = 64 * 1024 * 1024;
const FAILURE_MS = 5 * 60_000;

export type ImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/avif';
export type ImageRefusal = 'no_image' | 'blocked_address' | 'unreachable' | 'not_an_image' | 'too_large';

/** The raster type these bytes are, by their signature; null for anything else (SVG, HTML, text…). */
export function sniffImage(b: Buffer): ImageType | null {
  const ascii = (from: number, to: number) => b.subarray(from, to).toString('latin1');
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 6 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) return 'image/gif';
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (b.length >= 16 && ascii(4, 8) === 'ftyp') {
    // ISO base media: the major brand, or one of the compatible brands, says AVIF.
    const size = Math.min(b.readUInt32BE(0), b.length, 256);
    for (let i = 8; i + 4 <= size; i += 4) if (i !== 12 && ['avif', 'avis'].includes(ascii(i, i + 4))) return 'image/avif';
  }
  return null;
}

export class ImageRefused extends Error {
  constructor(readonly reason: ImageRefusal) {
    super(reason);
  }
}

type Entry = { ok: true; type: ImageType; bytes: Buffer } | { ok: false; reason: ImageRefusal; at: number };

export class ProductImages {
  private readonly cache = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Entry>>();
  private bytes = 0;

  constructor(private readonly ctx: Context) {}

  /** The checked image of a product; throws ImageRefused. */
  async get(workspaceId: string, productId: string): Promise<{ type: ImageType; bytes: Buffer }> {
    const product = await findProduct(this.ctx.db, workspaceId, productId);
    const url = httpUrlOrNull(product?.image_url ?? null);
    if (!url) throw new ImageRefused('no_image');
    const key = `${workspaceId}\u0000${url}`;
    let entry = this.cache.get(key);
    if (entry && !entry.ok && this.ctx.now() - entry.at > FAILURE_MS) entry = undefined;
    if (entry) {
      // Most recently used last.
      this.cache.delete(key);
      this.cache.set(key, entry);
    } else {
      let pending = this.inflight.get(key);
      if (!pending) {
        pending = this.fetch(workspaceId, url).finally(() => this.inflight.delete(key));
        this.inflight.set(key, pending);
      }
      entry = await pending;
      this.remember(key, entry);
    }
    if (!entry.ok) throw new ImageRefused(entry.reason);
    return entry;
  }

  private remember(key: string, entry: Entry): void {
    const old = this.cache.get(key);
    if (old?.ok) this.bytes -= old.bytes.length;
    this.cache.delete(key);
    this.cache.set(key, entry);
    if (entry.ok) this.bytes += entry.bytes.length;
    for (const [k, e] of this.cache) {
      if (this.bytes <= CACHE_BYTES && this.cache.size <= 10_000) break;
      this.cache.delete(k);
      if (e.ok) this.bytes -= e.bytes.length;
    }
  }

  private async fetch(workspaceId: string, url: string): Promise<Entry> {
    const failed = (reason: ImageRefusal): Entry => ({ ok: false, reason, at: this.ctx.now() });
    try {
      const res = await guardedFetch(
        url,
        {
          headers: { accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif', 'user-agent': 'Switchboard-ProductImages/1' },
          timeoutMs: TIMEOUT_MS,
          maxBytes: IMAGE_MAX_BYTES + 1,
        },
        { allowPrivate: await allowsPrivate(this.ctx.db, workspaceId) },
      );
      if (res.status !== 200 || !res.bytes) return failed('unreachable');
      if (res.bytes.length > IMAGE_MAX_BYTES) return failed('too_large');
      const type = sniffImage(res.bytes);
      if (!type) return failed('not_an_image');
      return { ok: true, type, bytes: res.bytes };
    } catch (err) {
      if (err instanceof OutboundError) {
        this.ctx.log.info({ workspaceId, code: err.code }, 'product image refused');
        return failed(err.code === 'blocked_address' || err.code === 'bad_url' ? 'blocked_address' : 'unreachable');
      }
      this.ctx.log.warn({ err, workspaceId }, 'product image failed');
      return failed('unreachable');
    }
  }
}

const REASONS: Record<ImageRefusal, string> = {
  no_image: 'This product has no image',
  blocked_address: 'The image’s address is not allowed (a private, loopback or link-local address)',
  unreachable: 'The image could not be fetched',
  not_an_image: 'The image is not a PNG, JPEG, GIF, WebP or AVIF picture',
  too_large: 'The image is larger than 5 MB',
};

/** The 404 a refused image answers: code not_found, `details.reason` says which (stable). */
export const imageNotFound = (reason: ImageRefusal) => new AppError('not_found', REASONS[reason], { details: { reason } });
