/**
 * Text on the inbox's colour (launcher, header, the visitor's bubbles, Send)
 * must read at WCAG AA, 4.5:1, whatever colour an admin picks: white when it
 * reaches that, else near-black, else black (one of white and black always
 * reaches 4.58:1).
 */
const channel = (v: number) => {
  const s = v / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

/** Relative luminance of a `#rrggbb` colour (WCAG 2). */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1, 7), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const CANDIDATES = ['#ffffff', '#111827', '#000000'];

/** The text colour for a background `#rrggbb`. */
export function textOn(background: string): string {
  if (!/^#[0-9a-fA-F]{6}$/.test(background)) return '#ffffff';
  return CANDIDATES.find((c) => contrastRatio(c, background) >= 4.5) ?? '#000000';
}
