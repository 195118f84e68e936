/**
 * Basic formatting in message text, parsed into a small tree that every side
 * renders the same way: `**bold**`, `*italic*`, `` `code` ``, line breaks,
 * bulleted (`- `, `* `) and numbered (`1. `) lists, `[label](https://…)` links
 * and bare http(s) addresses. Nothing in the text is ever HTML: the tree holds
 * only text, the few elements above, and links whose address was checked to
 * be http: or https: (links.ts). Renderers turn it into DOM nodes (dom.ts),
 * escaped HTML (html.ts), Preact elements (the console) or plain text.
 */
import { linkify, safeHref } from './links.js';

export type Inline =
  | { t: 'text'; v: string }
  | { t: 'br' }
  | { t: 'strong'; c: Inline[] }
  | { t: 'em'; c: Inline[] }
  | { t: 'code'; v: string }
  | { t: 'link'; href: string; c: Inline[] };

export type Block = { t: 'p'; c: Inline[] } | { t: 'ul'; items: Inline[][] } | { t: 'ol'; start: number; items: Inline[][] };

/** Formatting nests this deep at most; deeper markers stay as typed (bounds the work for hostile input). */
const MAX_DEPTH = 4;

const BULLET = /^\s{0,3}[-*•]\s+(.*)$/;
const NUMBERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;

interface OpenList {
  t: 'ul' | 'ol';
  start: number;
  items: string[];
}

function listBlock(list: OpenList, autolink: boolean): Block {
  const items = list.items.map((item) => parseInline(item, 0, true, autolink));
  return list.t === 'ul' ? { t: 'ul', items } : { t: 'ol', start: list.start, items };
}

/** The blocks of a message: paragraphs (lines joined by breaks) and lists. */
/** `autolink`: bare http(s) addresses become links (off for previews, where they read the same). */
export function parseMessage(text: string, autolink = true): Block[] {
  const blocks: Block[] = [];
  const open: { para: string[]; list: OpenList | null } = { para: [], list: null };
  const end = () => {
    if (open.para.length) blocks.push({ t: 'p', c: parseInline(open.para.join('\n'), 0, true, autolink) });
    if (open.list) blocks.push(listBlock(open.list, autolink));
    open.para = [];
    open.list = null;
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const list = open.list;
    if (bullet || numbered) {
      const t = bullet ? 'ul' : 'ol';
      if (list?.t === t) list.items.push((bullet?.[1] ?? numbered?.[2] ?? '').trim());
      else {
        end();
        open.list = { t, start: numbered ? Number(numbered[1]) : 1, items: [(bullet?.[1] ?? numbered?.[2] ?? '').trim()] };
      }
    } else if (!line.trim()) end();
    else if (list && /^\s{2,}\S/.test(line)) {
      // An indented line continues the list item above it.
      list.items[list.items.length - 1] += `\n${line.trim()}`;
    } else {
      if (list) end();
      open.para.push(line);
    }
  }
  end();
  return blocks;
}

/** Inline formatting of one paragraph or list item; line breaks become `br`. */
/** `links`: `[label](address)` is read (not inside a label); `autolink`: bare addresses are. */
export function parseInline(text: string, depth = 0, links = true, autolink = links): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const flush = () => {
    if (plain) pushText(out, plain, autolink);
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '\\' && i + 1 < text.length && '\\`*_[]()'.includes(text[i + 1] as string)) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === '\n') {
      flush();
      out.push({ t: 'br' });
      i++;
      continue;
    }
    if (ch === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1 && !text.slice(i + 1, end).includes('\n')) {
        flush();
        out.push({ t: 'code', v: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (ch === '[' && links) {
      const link = /^\[([^\]\n]{1,500})\]\(([^)\s]{1,2048})\)/.exec(text.slice(i));
      const href = link ? safeHref(link[2] as string) : null;
      if (link && href) {
        flush();
        // A label may be formatted but holds no link of its own.
        out.push({ t: 'link', href, c: parseInline(link[1] as string, depth + 1, false, false) });
        i += link[0].length;
        continue;
      }
    }
    if (ch === '*' && depth < MAX_DEPTH) {
      const strong = text.startsWith('**', i);
      const mark = strong ? '**' : '*';
      const end = closing(text, i + mark.length, mark);
      if (end > 0) {
        flush();
        const inner = parseInline(text.slice(i + mark.length, end), depth + 1, links, autolink);
        out.push(strong ? { t: 'strong', c: inner } : { t: 'em', c: inner });
        i = end + mark.length;
        continue;
      }
    }
    plain += ch;
    i++;
  }
  flush();
  return out;
}

/**
 * Where a `*` or `**` opened at `from` closes: the next such marker on the
 * same line that follows a non-space, when the opening one is followed by a
 * non-space (so `2 * 3 * 4` stays as it is). -1 when it does not close.
 */
function closing(text: string, from: number, mark: string): number {
  const first = text[from];
  if (first === undefined || /\s/.test(first) || first === '*') return -1;
  for (let j = from + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\n') return -1;
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', j + 1);
      if (end > j) j = end;
      continue;
    }
    if (text.startsWith(mark, j) && !/\s/.test(text[j - 1] as string)) {
      // `*` must not be half of a `**`, and a `**` must not be followed by a third star.
      if (mark === '*' && (text[j + 1] === '*' || text[j - 1] === '*')) continue;
      if (mark === '**' && text[j + 2] === '*') continue;
      return j;
    }
  }
  return -1;
}

/** Plain text is scanned for bare http(s) addresses, which become links (not inside a link's label). */
function pushText(out: Inline[], text: string, links: boolean): void {
  for (const piece of links ? linkify(text) : [{ kind: 'text' as const, text }]) {
    if (piece.kind === 'link') out.push({ t: 'link', href: piece.href, c: [{ t: 'text', v: piece.text }] });
    else {
      const last = out[out.length - 1];
      if (last?.t === 'text') last.v += piece.text;
      else out.push({ t: 'text', v: piece.text });
    }
  }
}

/** The text without its formatting marks, on one line: for previews and notifications. */
export function plainText(blocks: Block[]): string {
  const inline = (c: Inline[]): string => c.map((n) => (n.t === 'text' || n.t === 'code' ? n.v : n.t === 'br' ? ' ' : inline(n.c))).join('');
  return blocks
    .map((b) => (b.t === 'p' ? inline(b.c) : b.items.map((item) => inline(item)).join(', ')))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What can start formatting: text with none of it reads the same parsed or not. */
const MARKS = /[*`[\\\n\r]|^\s{0,3}(?:[-•]|\d{1,9}[.)])\s/;

/**
 * The text without its formatting marks, on one line (list previews,
 * notifications). Runs for every stored message, so plain text, the usual
 * case, is not parsed at all, and links are not looked for (they read the same).
 */
export function previewText(text: string): string {
  if (!MARKS.test(text)) return text.replace(/\s+/g, ' ').trim();
  return plainText(parseMessage(text, false));
}

/**
 * A name as others may see it (file, contact, operator, team, page title):
 * without control and invisible formatting characters (bidirectional
 * overrides such as U+202E turn `invoice‮fdp.exe` into what looks like a PDF;
 * zero-width characters make two names look alike), on one line.
 */
export function cleanName(name: string): string {
  return name
    .replace(/\p{Cf}/gu, '')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
