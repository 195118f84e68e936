/** An operator's picture, or their initials on a colour (of a few that white text reads on), the same colour for the same name. */
import { h } from './dom.js';

const COLOURS = ['#0e6fb3', '#1b7f5a', '#8a3ffc', '#b3261e', '#7a5a00', '#9c2c77', '#3d5a80', '#5b4b8a'];

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((w) => [...(w as string)][0]?.toUpperCase() ?? '').join('') || '?';
}

/** Decorative: the name is always said next to it (header title, message author). */
export function avatarNode(name: string, url: string | null | undefined): HTMLElement {
  if (url) return h('img', { class: 'av', src: url, alt: '', 'aria-hidden': 'true' });
  const el = h('span', { class: 'av', 'aria-hidden': 'true' }, initials(name));
  let hash = 0;
  for (const c of name) hash = (hash * 31 + (c.codePointAt(0) ?? 0)) >>> 0;
  // Through the CSSOM: the frame's policy allows no inline style attribute.
  el.style.background = COLOURS[hash % COLOURS.length] as string;
  return el;
}
