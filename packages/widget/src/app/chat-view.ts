/** The DOM of one conversation: connection status, message log, typing line, notices, the rating survey's place, composer. */
import type { AttachmentDto, MessageDto } from '@switchboard/protocol';
import { messageDom } from '@switchboard/text/dom';
import { eventText } from '../i18n/events.js';
import type { Api, Look } from './api.js';
import { avatarNode } from './avatar.js';
import { h, ICONS, icon } from './dom.js';
import { t, time } from './i18n.js';
import { mountRich, type RichHost, richText } from './rich.js';

export interface ChatView {
  root: HTMLElement;
  log: HTMLElement;
  earlier: HTMLButtonElement;
  /** "New messages": shown when messages arrive while the visitor reads further up. */
  newer: HTMLButtonElement;
  typing: HTMLElement;
  /** Progress of an upload. */
  note: HTMLElement;
  /** "You are number 3 in the queue, about 4 minutes" while the conversation waits for an operator. */
  queue: HTMLElement;
  /** What went wrong with the visitor's last action; cleared by the next one. */
  error: HTMLElement;
  /** "This conversation is resolved…" and the rating survey go here. */
  after: HTMLElement;
  /** "Talk to a person": shown while the virtual agent handles the conversation. */
  handover: HTMLButtonElement;
  input: HTMLTextAreaElement;
  send: HTMLButtonElement;
  attach: HTMLButtonElement;
  file: HTMLInputElement;
}

export function buildChatView(look: Look): ChatView {
  const earlier = h('button', { type: 'button', class: 'more', hidden: true }, t('loadEarlier'));
  const log = h('div', { class: 'log', role: 'log', 'aria-label': t('conversation'), 'aria-live': 'polite', tabindex: '0' }, earlier);
  log.append(bubble('operator', look.teamName, messageDom(look.greeting), null, null, 'greeting'));
  const newer = h('button', { type: 'button', class: 'newer', hidden: true }, t('newMessages'));
  const typing = h('div', { class: 'typing', 'aria-live': 'polite' });
  const note = h('div', { class: 'note-line', role: 'status' });
  const queue = h('div', { class: 'note-line', role: 'status', 'aria-label': t('queuePosition') });
  const error = h('div', { class: 'error', role: 'alert' });
  const after = h('div', { class: 'after' });
  const handover = h('button', { type: 'button', class: 'handover', hidden: true }, t('talkToPerson'));
  // Sneak peek: visitors are told before they type, next to where they type.
  const peek = look.sneakPeek ? h('p', { class: 'peek', id: 'peek' }, t('sneakPeek')) : null;
  const input = h('textarea', {
    rows: '1',
    'aria-label': t('message'),
    placeholder: t('writeMessage'),
    maxlength: '10000',
    ...(peek ? { 'aria-describedby': 'peek' } : {}),
  });
  const file = h('input', { type: 'file', hidden: true, accept: 'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain' });
  const attach = icon(h('button', { type: 'button', class: 'icon', 'aria-label': t('attachFile'), title: t('attachFile') }), ICONS.clip);
  const send = h('button', { type: 'submit', class: 'send' }, t('send'));
  const form = h('form', { class: 'composer' }, attach, file, input, send);
  const root = h('div', { class: 'screen chat-screen' }, h('div', { class: 'pane' }, log, newer), typing, after, handover, queue, note, error, peek, form);
  return { root, log, earlier, newer, typing, note, queue, error, after, handover, input, send, attach, file };
}

function bubble(kind: string, name: string | null, body: Node, at: number | null, avatar: HTMLElement | null, extra = ''): HTMLElement {
  return h(
    'div',
    { class: `msg ${kind} ${extra}` },
    kind === 'operator' && name ? h('span', { class: 'who' }, avatar, name, extra === 'bot' ? h('span', { class: 'bot-mark' }, t('botMark')) : null) : null,
    // Each text in its own direction (an English greeting in an Arabic chat keeps its question mark at the end).
    h('div', { class: 'body', dir: 'auto' }, body),
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
      .catch(() => (img.alt = t('couldNotLoad', { name: a.name })));
    return img;
  }
  const link = icon(h('a', { href: '#', class: 'att' }, t('download', { name: a.name })), ICONS.file, 16);
  link.addEventListener('click', (e) => {
    e.preventDefault();
    api.blobUrl(a.url).then((u) => saveAs(u, a.name));
  });
  return link;
}

/** Hands a blob URL to the browser as a download named `name`. */
export function saveAs(url: string, name: string): void {
  h('a', { href: url, download: name }).click();
}

/** A stored message or system line; null for a line the visitor does not see (the team's labels). */
export function messageNode(api: Api, look: Look, m: MessageDto, grew: () => void, rich?: RichHost): HTMLElement | null {
  if (m.kind === 'event') {
    const text = eventText(m.event, m.body, t);
    return text === null ? null : h('div', { class: 'event', 'data-seq': String(m.seq) }, text);
  }
  const body = document.createDocumentFragment();
  if (m.rich && rich) {
    // The sender's text (a quick reply's question), then the block; its plain-text rendering holds the place meanwhile.
    const text = richText(m.body);
    if (text) body.append(messageDom(text));
    const slot = h('div', { class: 'rich' }, messageDom(text ? m.body.slice(text.length + 2) : m.body));
    body.append(slot);
    mountRich(slot, m, rich, grew);
  } else if (m.body) body.append(messageDom(m.body));
  for (const a of m.attachments) body.append(attachmentNode(api, a, grew));
  const operator = m.author.kind !== 'visitor';
  const name = m.author.name ?? look.teamName;
  const avatar = operator && look.showAvatars ? avatarNode(name, m.author.id ? look.avatars[m.author.id] : null) : null;
  const el = bubble(operator ? 'operator' : 'mine', name, body, m.createdAt, avatar, m.author.kind === 'bot' ? 'bot' : '');
  el.dataset.seq = String(m.seq);
  if (m.clientId) el.dataset.client = m.clientId;
  return el;
}

export function pendingNode(body: string, clientId: string): HTMLElement {
  const el = bubble('mine pending', null, messageDom(body), null, null);
  el.dataset.client = clientId;
  el.append(h('small', { class: 'note' }, t('sending')));
  return el;
}
