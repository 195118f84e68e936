/** The chat window's DOM: header, connection status, message log, typing line, composer. */
import type { AttachmentDto, MessageDto } from '@switchboard/protocol';
import { messageDom } from '@switchboard/text/dom';
import type { Api, Look } from './api.js';
import { h, time } from './dom.js';

export interface View {
  root: HTMLElement;
  log: HTMLElement;
  earlier: HTMLButtonElement;
  /** "New messages": shown when messages arrive while the visitor reads further up. */
  newer: HTMLButtonElement;
  typing: HTMLElement;
  /** The connection, in words ("Reconnecting…", "Connected"). */
  status: HTMLElement;
  /** Progress of an upload. */
  note: HTMLElement;
  /** What went wrong with the visitor's last action; cleared by the next one. */
  error: HTMLElement;
  input: HTMLTextAreaElement;
  send: HTMLButtonElement;
  attach: HTMLButtonElement;
  file: HTMLInputElement;
  close: HTMLButtonElement;
}

// Inline icons: emoji and symbol fonts are not everywhere.
const svg = (d: string, size = 20) =>
  `<svg width="${size}" height="${size}" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" aria-hidden="true"><path d="${d}"/></svg>`;
const CLIP = 'M21 11.5l-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.6-8.6a3.7 3.7 0 0 1 5.2 5.2l-8.6 8.6a1.8 1.8 0 0 1-2.6-2.6l7.9-7.9';
const CROSS = 'M18 6 6 18M6 6l12 12';
const FILE = 'M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8zM14 2v6h6';

function icon(el: HTMLElement, d: string, size?: number): HTMLElement {
  el.insertAdjacentHTML('afterbegin', svg(d, size));
  return el;
}

export function buildView(look: Look): View {
  const close = icon(h('button', { type: 'button', class: 'x', 'aria-label': 'Close chat' }), CROSS, 22) as HTMLButtonElement;
  const earlier = h('button', { type: 'button', class: 'more', hidden: true }, 'Load earlier messages');
  const log = h('div', { class: 'log', role: 'log', 'aria-label': 'Conversation', 'aria-live': 'polite', tabindex: '0' }, earlier);
  log.append(bubble('operator', look.teamName, messageDom(look.greeting), null, 'greeting'));
  const newer = h('button', { type: 'button', class: 'newer', hidden: true }, 'New messages');
  const typing = h('div', { class: 'typing', 'aria-live': 'polite' });
  const status = h('div', { class: 'status', role: 'status' });
  const note = h('div', { class: 'note-line', role: 'status' });
  const error = h('div', { class: 'error', role: 'alert' });
  // Sneak peek: visitors are told before they type, next to where they type.
  const peek = look.sneakPeek ? h('p', { class: 'peek', id: 'peek' }, 'Operators can see what you type before you send it.') : null;
  const input = h('textarea', {
    rows: '1',
    'aria-label': 'Message',
    placeholder: 'Write a message…',
    maxlength: '10000',
    ...(peek ? { 'aria-describedby': 'peek' } : {}),
  });
  const file = h('input', { type: 'file', hidden: true, accept: 'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain' });
  const attach = icon(h('button', { type: 'button', class: 'icon', 'aria-label': 'Attach a file', title: 'Attach a file' }), CLIP) as HTMLButtonElement;
  const send = h('button', { type: 'submit', class: 'send' }, 'Send');
  const form = h('form', { class: 'composer' }, attach, file, input, send);
  const root = h(
    'div',
    { class: 'chat' },
    h('header', {}, h('h1', {}, look.teamName), close),
    status,
    h('div', { class: 'pane' }, log, newer),
    typing,
    note,
    error,
    peek,
    form,
  );
  document.documentElement.style.setProperty('--c', look.color);
  document.documentElement.style.setProperty('--t', look.textColor);
  return { root, log, earlier, newer, typing, status, note, error, input, send, attach, file, close };
}

function bubble(kind: string, name: string | null, body: Node, at: number | null, extra = ''): HTMLElement {
  return h(
    'div',
    { class: `msg ${kind} ${extra}` },
    kind === 'operator' && name ? h('span', { class: 'who' }, name) : null,
    h('div', { class: 'body' }, body),
    at ? h('time', {}, time(at)) : null,
  );
}

/** `grew` is called when the attachment changes the height of the log (an image has loaded). */
function attachmentNode(api: Api, a: AttachmentDto, grew: () => void): HTMLElement {
  if (a.mime.startsWith('image/')) {
    const img = h('img', { alt: a.name, class: 'att-img' });
    img.addEventListener('load', grew);
    api
      .blobUrl(a.url)
      .then((u) => (img.src = u))
      .catch(() => (img.alt = `${a.name} (could not load)`));
    return img;
  }
  const link = icon(h('a', { href: '#', class: 'att' }, `Download ${a.name}`), FILE, 16);
  link.addEventListener('click', (e) => {
    e.preventDefault();
    api.blobUrl(a.url).then((u) => {
      const dl = h('a', { href: u, download: a.name });
      dl.click();
    });
  });
  return link;
}

export function messageNode(api: Api, m: MessageDto, grew: () => void): HTMLElement {
  if (m.kind === 'event') return h('div', { class: 'event' }, m.body);
  const body = document.createDocumentFragment();
  if (m.body) body.append(messageDom(m.body));
  for (const a of m.attachments) body.append(attachmentNode(api, a, grew));
  const el = bubble(m.author.kind === 'visitor' ? 'mine' : 'operator', m.author.name, body, m.createdAt);
  el.dataset.seq = String(m.seq);
  if (m.clientId) el.dataset.client = m.clientId;
  return el;
}

export function pendingNode(body: string, clientId: string, note: string): HTMLElement {
  const el = bubble('mine pending', null, messageDom(body), null);
  el.dataset.client = clientId;
  el.append(h('small', { class: 'note' }, note));
  return el;
}
