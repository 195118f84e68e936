/** The chat window's DOM: header, message log, typing line, composer. */
import type { AttachmentDto, MessageDto } from '@switchboard/protocol';
import type { Api, Look } from './api.js';
import { messageDom } from '@switchboard/text/dom';
import { h, time } from './dom.js';

export interface View {
  root: HTMLElement;
  log: HTMLElement;
  earlier: HTMLButtonElement;
  typing: HTMLElement;
  status: HTMLElement;
  input: HTMLTextAreaElement;
  send: HTMLButtonElement;
  attach: HTMLButtonElement;
  file: HTMLInputElement;
  close: HTMLButtonElement;
}

export function buildView(look: Look): View {
  const close = h('button', { type: 'button', class: 'x', 'aria-label': 'Close chat' }, '×');
  const earlier = h('button', { type: 'button', class: 'more', hidden: true }, 'Load earlier messages');
  const log = h('div', { class: 'log', role: 'log', 'aria-label': 'Conversation', 'aria-live': 'polite', tabindex: '0' }, earlier);
  log.append(bubble('operator', look.teamName, messageDom(look.greeting), null, 'greeting'));
  const typing = h('div', { class: 'typing', 'aria-live': 'polite' });
  const status = h('div', { class: 'status', role: 'status' });
  const input = h('textarea', { rows: '1', 'aria-label': 'Message', placeholder: 'Write a message…', maxlength: '10000' });
  const file = h('input', { type: 'file', hidden: true, accept: 'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain' });
  const attach = h('button', { type: 'button', class: 'icon', 'aria-label': 'Attach a file', title: 'Attach a file' });
  // An inline icon: emoji fonts are not everywhere.
  attach.innerHTML =
    '<svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true"><path d="M21 11.5l-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.6-8.6a3.7 3.7 0 0 1 5.2 5.2l-8.6 8.6a1.8 1.8 0 0 1-2.6-2.6l7.9-7.9"/></svg>';
  const send = h('button', { type: 'submit', class: 'send' }, 'Send');
  const form = h('form', { class: 'composer' }, attach, file, input, send);
  const root = h('div', { class: 'chat' }, h('header', {}, h('div', {}, h('h1', {}, look.teamName), h('p', {}, look.name)), close), status, log, typing, form);
  document.documentElement.style.setProperty('--c', look.color);
  return { root, log, earlier, typing, status, input, send, attach, file, close };
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

function attachmentNode(api: Api, a: AttachmentDto): HTMLElement {
  if (a.mime.startsWith('image/')) {
    const img = h('img', { alt: a.name, class: 'att-img' });
    api
      .blobUrl(a.url)
      .then((u) => (img.src = u))
      .catch(() => (img.alt = `${a.name} (could not load)`));
    return img;
  }
  const link = h('a', { href: '#', class: 'att' }, `Download ${a.name}`);
  link.addEventListener('click', (e) => {
    e.preventDefault();
    api.blobUrl(a.url).then((u) => {
      const dl = h('a', { href: u, download: a.name });
      dl.click();
    });
  });
  return link;
}

export function messageNode(api: Api, m: MessageDto): HTMLElement {
  if (m.kind === 'event') return h('div', { class: 'event' }, m.body);
  const body = document.createDocumentFragment();
  if (m.body) body.append(messageDom(m.body));
  for (const a of m.attachments) body.append(attachmentNode(api, a));
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
