/**
 * The message tree as HTML, for the API's rendered text (and later email):
 * every piece of text is escaped, the only elements are the few formatting
 * ones, and link addresses were checked to be http(s) when parsed.
 */
import { type Block, type Inline, parseMessage } from './format.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

type Renderers = { [K in Inline['t']]: (n: Extract<Inline, { t: K }>) => string };

const RENDER: Renderers = {
  text: (n) => escapeHtml(n.v),
  br: () => '<br>',
  code: (n) => `<code>${escapeHtml(n.v)}</code>`,
  strong: (n) => `<strong>${inline(n.c)}</strong>`,
  em: (n) => `<em>${inline(n.c)}</em>`,
  link: (n) => `<a href="${escapeHtml(n.href)}" target="_blank" rel="noopener noreferrer nofollow">${inline(n.c)}</a>`,
};

function inline(c: Inline[]): string {
  return c.map((n) => (RENDER[n.t] as (n: Inline) => string)(n)).join('');
}

export function blocksToHtml(blocks: Block[]): string {
  return blocks
    .map((b) => {
      if (b.t === 'p') return `<p>${inline(b.c)}</p>`;
      const items = b.items.map((i) => `<li>${inline(i)}</li>`).join('');
      return b.t === 'ul' ? `<ul>${items}</ul>` : `<ol${b.start !== 1 ? ` start="${b.start}"` : ''}>${items}</ol>`;
    })
    .join('');
}

export const messageHtml = (text: string): string => blocksToHtml(parseMessage(text));
