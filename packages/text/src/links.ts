/**
 * Splits message text into plain text and http(s) links. The view turns the
 * pieces into text nodes and <a> elements, never HTML, so a message can
 * never inject markup.
 */
export type Piece = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence more often than it ends a URL. */
const TRAILING = /[.,;:!?'"\]}>]+$/;

function trimUrl(raw: string): string {
  let url = raw.replace(TRAILING, '');
  // Keep a closing parenthesis only when the URL opened one, as in Wikipedia links.
  while (url.endsWith(')') && count(url, '(') < count(url, ')')) url = url.slice(0, -1).replace(TRAILING, '');
  return url;
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

/** The address as a link target, only when it is an absolute http: or https: URL. */
export function safeHref(text: string): string | null {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function linkify(text: string): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  const push = (t: string) => {
    if (!t) return;
    const last = pieces[pieces.length - 1];
    if (last?.kind === 'text') last.text += t;
    else pieces.push({ kind: 'text', text: t });
  };
  for (const m of text.matchAll(URL_RE)) {
    const start = m.index ?? 0;
    const url = trimUrl(m[0]);
    const href = safeHref(url);
    push(text.slice(at, start));
    if (href) pieces.push({ kind: 'link', text: url, href });
    else push(url);
    at = start + url.length;
  }
  push(text.slice(at));
  return pieces;
}
