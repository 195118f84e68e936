/** The catalogue's routes of the HTTP API (E2), one typed function per call. */
import type { ProductDto, ProductImportPreview, ProductImportResult } from '@switchboard/protocol';
import { type Page, request } from '../api';

export interface ProductBody {
  name: string;
  description: string;
  price: string;
  currency: string;
  imageUrl: string | null;
  pageUrl: string | null;
  category: string | null;
  tags: string[];
  stock: string;
  attributes: Record<string, string | number>;
  related: { accessories: string[]; alternatives: string[] };
}

const csvForm = (file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
};

export const productApi = {
  list: (q: { q?: string; category?: string; cursor?: string; limit?: number }) => {
    const s = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') s.set(k, String(v));
    return request<Page<ProductDto>>('GET', `/products?${s}`);
  },
  categories: () => request<{ items: string[] }>('GET', '/products/categories'),
  put: (id: string, body: ProductBody) => request<ProductDto>('PUT', `/products/${encodeURIComponent(id)}`, body as unknown as Record<string, unknown>),
  remove: (id: string) => request<void>('DELETE', `/products/${encodeURIComponent(id)}`),
  preview: (file: File) => request<ProductImportPreview>('POST', '/products/imports/preview', csvForm(file)),
  import: (file: File) => request<ProductImportResult>('POST', '/products/imports', csvForm(file)),
};

/** `color=red|weight_kg=1.2` (or one per line) → { color: 'red', weight_kg: 1.2 }; null when a part has no `=`. */
export function parseAttributes(text: string): Record<string, string | number> | null {
  const out: Record<string, string | number> = {};
  for (const part of text
    .split(/[|\n]/)
    .map((x) => x.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const value = part.slice(eq + 1).trim();
    out[part.slice(0, eq).trim()] = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  }
  return out;
}

export const formatAttributes = (a: Record<string, string | number>) =>
  Object.entries(a)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');

/** Ids or tags typed with commas (or |) between them. */
export const splitList = (text: string) => [
  ...new Set(
    text
      .split(/[,|]/)
      .map((x) => x.trim())
      .filter(Boolean),
  ),
];
