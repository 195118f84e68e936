import { cleanName } from '@switchboard/text';
import { fileTypeFromBuffer } from 'file-type';

/** What may be attached: images, PDF and plain text. Decided from the bytes, never the name. */
export const ALLOWED_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'] as const;

export type AllowedType = (typeof ALLOWED_TYPES)[number];

function looksLikeText(data: Buffer): boolean {
  if (data.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return true;
  } catch {
    return false;
  }
}

export async function sniffType(data: Buffer): Promise<AllowedType | null> {
  const detected = await fileTypeFromBuffer(data);
  if (detected) return (ALLOWED_TYPES as readonly string[]).includes(detected.mime) ? (detected.mime as AllowedType) : null;
  return looksLikeText(data) ? 'text/plain' : null;
}

/** A safe display name: no path, no control or invisible characters (bidirectional overrides), bounded length. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = cleanName(base).replace(/["<>]/g, '').slice(0, 200);
  return cleaned || 'file';
}
