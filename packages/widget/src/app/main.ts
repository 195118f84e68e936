/**
 * The chat app inside the iframe. It waits for the loader's `init` (which
 * brings the stored visitor token and the page), starts or resumes the
 * visitor, follows their conversation over the realtime protocol and renders it.
 */
import type { MessageDto, ServerFrame } from '@switchboard/protocol';
import { newClientId, RealtimeClient, reloadForNewVersion } from '@switchboard/protocol/client';
import { isBridgeMessage, NS, type PageInfo, type ToApp, type ToLoader } from '../bridge.js';
import { Api, type Session } from './api.js';
import { h } from './dom.js';
import { buildView, messageNode, pendingNode, type View } from './view.js';

const params = new URLSearchParams(location.search);
const parentOrigin = new URLSearchParams(location.hash.slice(1)).get('o') ?? '';
const api = new Api(params.get('key') ?? '');
const toLoader = (m: ToLoader) => parent.postMessage(m, parentOrigin || '*');

let view: View;
let client: RealtimeClient;
let conversationId: string | null = null;
let visible = false;
let unread = 0;
let lastSeq = 0;
let firstSeq = 0;
let typingSent = 0;
let typingStop: ReturnType<typeof setTimeout> | undefined;
let typingHide: ReturnType<typeof setTimeout> | undefined;
let wasOpen = false;

window.addEventListener('message', (e) => {
  if (e.source !== parent || e.origin !== parentOrigin || !isBridgeMessage<ToApp>(e.data)) return;
  const m = e.data;
  if (m.type === 'init') void start(m.visitorToken, m.page, m.open);
  else if (m.type === 'open') setVisible(true);
  else if (m.type === 'hide') setVisible(false);
  else if (m.type === 'page') reportPage(m.page);
});
toLoader({ ns: NS, type: 'ready' });

async function start(token: string | null, page: PageInfo, open: boolean): Promise<void> {
  if (view) return;
  let s: Session;
  try {
    s = await api.session(token, parentOrigin);
  } catch (err) {
    document.body.textContent = (err as Error).message;
    return;
  }
  if (s.visitorToken !== token) toLoader({ ns: NS, type: 'token', visitorToken: s.visitorToken });
  toLoader({ ns: NS, type: 'look', color: s.inbox.color, position: s.inbox.position });
  view = buildView(s.inbox);
  document.getElementById('app')?.replaceWith(view.root);
  wire();
  const current = s.conversations.find((c) => c.status !== 'resolved') ?? s.conversations[0];
  setConversation(current?.id ?? null);
  client = new RealtimeClient({
    url: `${location.origin.replace(/^http/, 'ws')}/ws`,
    auth: () => ({ kind: 'visitor', websiteKey: api.websiteKey, visitorToken: api.token }),
    onFrame,
    onState: (state, reason) => {
      if (state === 'refused' && reason === 'bad_version' && reloadForNewVersion(window)) return;
      if (state === 'open') {
        wasOpen = true;
        view.status.textContent = '';
        reportPage(page);
      } else if (wasOpen && state !== 'refused') view.status.textContent = 'Reconnecting…';
      else if (state === 'refused') view.status.textContent = 'Chat is unavailable. Reload the page to try again.';
    },
  });
  if (conversationId) client.subscribe(conversationId);
  client.connect();
  setVisible(open);
}

function setConversation(id: string | null): void {
  if (id === conversationId) return;
  conversationId = id;
  toLoader({ ns: NS, type: 'active', active: id !== null });
}

function reportPage(page: PageInfo): void {
  if (client?.connectionState !== 'open') return;
  client.sendVolatile({
    type: 'page',
    url: page.url.slice(0, 2048),
    title: page.title.slice(0, 512),
    referrer: page.referrer.slice(0, 2048),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    locale: navigator.language,
  });
}

function setVisible(v: boolean): void {
  visible = v;
  if (!view) return;
  if (v) {
    unread = 0;
    toLoader({ ns: NS, type: 'unread', count: 0 });
    markRead();
    view.input.focus();
  }
}

function markRead(): void {
  if (visible && conversationId && lastSeq > 0 && client?.connectionState === 'open') {
    client.sendVolatile({ type: 'read', conversationId, seq: lastSeq });
  }
}

function onFrame(f: ServerFrame): void {
  if (f.type === 'message' && f.message.conversationId === conversationId) addMessage(f.message);
  else if (f.type === 'synced' && f.conversationId === conversationId) {
    view.earlier.hidden = !f.hasEarlier;
    showSeen(f.conversation.operatorReadSeq);
    markRead();
  } else if (f.type === 'typing' && f.conversationId === conversationId && f.author.kind === 'operator') showTyping(f.typing ? f.author.name : null);
  else if (f.type === 'read' && f.reader === 'operator' && f.conversationId === conversationId) showSeen(f.seq);
  else if (f.type === 'conversation' && !conversationId && f.conversation.status !== 'resolved') {
    // Another tab started a conversation.
    setConversation(f.conversation.id);
    client.subscribe(f.conversation.id, 0);
  }
}

function addMessage(m: MessageDto): void {
  const node = messageNode(api, m);
  const pending = m.clientId ? view.log.querySelector(`.pending[data-client="${CSS.escape(m.clientId)}"]`) : null;
  if (pending) pending.replaceWith(node);
  else view.log.insertBefore(node, view.log.querySelector('.pending'));
  if (!firstSeq || m.seq < firstSeq) firstSeq = m.seq;
  lastSeq = Math.max(lastSeq, m.seq);
  if (m.author.kind === 'operator') {
    showTyping(null);
    if (!visible || document.hidden) {
      unread++;
      toLoader({ ns: NS, type: 'unread', count: unread });
    }
  }
  node.scrollIntoView({ block: 'end' });
  markRead();
}

function showTyping(name: string | null): void {
  clearTimeout(typingHide);
  view.typing.textContent = name ? `${name} is typing…` : '';
  if (name) typingHide = setTimeout(() => showTyping(null), 6000);
}

function showSeen(seq: number): void {
  view.log.querySelector('.seen')?.remove();
  const mine = [...view.log.querySelectorAll<HTMLElement>('.msg.mine[data-seq]')].filter((el) => Number(el.dataset.seq) <= seq).pop();
  mine?.append(h('small', { class: 'seen' }, 'Seen'));
}

async function send(body: string, attachmentIds?: string[]): Promise<void> {
  const clientId = newClientId();
  const node = pendingNode(body || 'File', clientId, 'Sending…');
  view.log.append(node);
  node.scrollIntoView({ block: 'end' });
  try {
    const ack = await client.send({ clientId, body, ...(conversationId ? { conversationId } : {}), ...(attachmentIds ? { attachmentIds } : {}) });
    if (ack.conversationId !== conversationId) {
      const first = !conversationId;
      setConversation(ack.conversationId);
      client.subscribe(ack.conversationId, first ? 0 : ack.seq - 1);
    }
  } catch (err) {
    const note = node.querySelector('.note');
    if (note) note.textContent = `Not sent: ${(err as { message?: string }).message ?? 'error'}`;
    node.classList.add('failed');
  }
}

function typing(): void {
  if (!conversationId || client.connectionState !== 'open') return;
  const now = Date.now();
  if (now - typingSent > 2000) {
    typingSent = now;
    client.sendVolatile({ type: 'typing', conversationId, typing: true });
  }
  clearTimeout(typingStop);
  typingStop = setTimeout(stopTyping, 3000);
}

function stopTyping(): void {
  clearTimeout(typingStop);
  if (typingSent && conversationId && client.connectionState === 'open') client.sendVolatile({ type: 'typing', conversationId, typing: false });
  typingSent = 0;
}

function wire(): void {
  const form = view.input.form as HTMLFormElement;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = view.input.value.trim();
    if (!body) return;
    view.input.value = '';
    stopTyping();
    void send(body);
  });
  view.input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  view.input.addEventListener('input', typing);
  view.close.addEventListener('click', () => toLoader({ ns: NS, type: 'close' }));
  document.addEventListener('keydown', (e) => e.key === 'Escape' && toLoader({ ns: NS, type: 'close' }));
  view.attach.addEventListener('click', () => view.file.click());
  view.file.addEventListener('change', async () => {
    const file = view.file.files?.[0];
    view.file.value = '';
    if (!file) return;
    view.status.textContent = `Uploading ${file.name}…`;
    try {
      const up = await api.upload(file, conversationId);
      view.status.textContent = '';
      setConversation(up.conversationId);
      if (client.lastSeq(up.conversationId) === undefined) client.subscribe(up.conversationId, 0);
      await send('', [up.attachment.id]);
    } catch (err) {
      view.status.textContent = (err as Error).message;
    }
  });
  view.earlier.addEventListener('click', async () => {
    if (!conversationId || !firstSeq) return;
    const page = await api.earlier(conversationId, firstSeq);
    const anchor = view.earlier.nextSibling?.nextSibling ?? null;
    for (const m of page.messages) view.log.insertBefore(messageNode(api, m), anchor);
    if (page.messages[0]) firstSeq = page.messages[0].seq;
    view.earlier.hidden = !page.hasEarlier;
  });
  document.addEventListener('visibilitychange', markRead);
}
