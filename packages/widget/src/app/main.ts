/**
 * The chat app inside the iframe. It waits for the loader's `init` (which
 * brings the page), starts or resumes the visitor with the token kept in its
 * own storage, follows their conversation over the realtime protocol and
 * renders it.
 */
import type { MessageDto, ServerFrame } from '@switchboard/protocol';
import { newClientId, RealtimeClient, reloadForNewVersion } from '@switchboard/protocol/client';
import { isBridgeMessage, NS, type PageInfo, type ToApp, type ToLoader } from '../bridge.js';
import { ConnectionNotice } from '../connection-notice.js';
import { Api, type Session } from './api.js';
import { h } from './dom.js';
import { trapFocus } from './focus.js';
import { Follow } from './follow.js';
import { storedToken, storeToken } from './visitor-token.js';
import { DraftSender } from './draft.js';
import { buildView, messageNode, pendingNode, type View } from './view.js';

const params = new URLSearchParams(location.search);
// The embedding page's origin as the browser knows it wins over what the frame's address claims (`#o=`).
const known = location.ancestorOrigins?.[0];
const parentOrigin = known && known !== 'null' ? known : (new URLSearchParams(location.hash.slice(1)).get('o') ?? '');
const api = new Api(params.get('key') ?? '');
const toLoader = (m: ToLoader) => parent.postMessage(m, parentOrigin || '*');

let view: View;
let follow: Follow;
let client: RealtimeClient;
let conversationId: string | null = null;
let visible = false;
/** The chat fills the screen (a phone): focus stays inside it until it is closed. */
let fullScreen = false;
let unread = 0;
let lastSeq = 0;
let firstSeq = 0;
let typingSent = 0;
let typingStop: ReturnType<typeof setTimeout> | undefined;
let typingHide: ReturnType<typeof setTimeout> | undefined;
/** Set when the inbox has sneak peek on. */
let drafts: DraftSender | null = null;
/** The page the visitor is on (single-page sites change it without a reload), reported again after a reconnect. */
let currentPage: PageInfo | null = null;
/** The chat was opened for the visitor by an operator's first message: the page keeps the focus. */
let quietOpen = false;

window.addEventListener('message', (e) => {
  if (e.source !== parent || e.origin !== parentOrigin || !isBridgeMessage<ToApp>(e.data)) return;
  const m = e.data;
  if (m.type === 'init') void start(m.page, m.open, m.full);
  else if (m.type === 'open') setVisible(true, m.full);
  else if (m.type === 'hide') setVisible(false, fullScreen);
  else if (m.type === 'page') {
    currentPage = m.page;
    reportPage(m.page);
  }
});
toLoader({ ns: NS, type: 'ready' });

async function start(page: PageInfo, open: boolean, full: boolean): Promise<void> {
  if (view) return;
  currentPage = page;
  const token = storedToken(api.websiteKey);
  let s: Session;
  try {
    s = await api.session(token, parentOrigin);
  } catch (err) {
    document.body.textContent = (err as Error).message;
    return;
  }
  if (s.visitorToken !== token) storeToken(api.websiteKey, s.visitorToken);
  view = buildView(s.inbox);
  if (s.inbox.sneakPeek) {
    drafts = new DraftSender((text) => {
      if (!conversationId || client?.connectionState !== 'open') return false;
      client.sendVolatile({ type: 'draft', conversationId, text });
      return true;
    });
  }
  follow = new Follow(view.log, view.newer);
  document.getElementById('app')?.replaceWith(view.root);
  wire();
  const current = s.conversations.find((c) => c.status !== 'resolved') ?? s.conversations[0];
  setConversation(current?.id ?? null);
  const notice = new ConnectionNotice((text) => (view.status.textContent = text));
  client = new RealtimeClient({
    url: `${location.origin.replace(/^http/, 'ws')}/ws`,
    auth: () => ({ kind: 'visitor', websiteKey: api.websiteKey, visitorToken: api.token }),
    onFrame,
    onState: (state, reason) => {
      if (state === 'refused' && reason === 'bad_version' && reloadForNewVersion(window)) return;
      notice.update(state);
      if (state === 'open' && currentPage) reportPage(currentPage);
      else if (state === 'refused') view.status.textContent = 'Chat is unavailable. Reload the page to try again.';
    },
  });
  if (conversationId) client.subscribe(conversationId);
  client.connect();
  setVisible(open, full);
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

function setVisible(v: boolean, full: boolean): void {
  visible = v;
  fullScreen = full;
  if (!view) return;
  if (v) {
    unread = 0;
    toLoader({ ns: NS, type: 'unread', count: 0 });
    // Hidden, the log had no height to scroll: bring the newest message into view now.
    follow.shown();
    markRead();
    if (!quietOpen) view.input.focus();
    quietOpen = false;
  } else clearError();
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
  else if (f.type === 'merged' && (f.from === conversationId || f.into === conversationId)) {
    // The team made two of the visitor's conversations one, renumbered: show the survivor afresh
    // (RealtimeClient follows it again from its latest page). Messages still on their way stay.
    for (const node of view.log.querySelectorAll('.msg[data-seq], .event')) node.remove();
    lastSeq = 0;
    firstSeq = 0;
    setConversation(f.into);
  } else if (f.type === 'invite') acceptInvite(f.conversationId);
  else if (f.type === 'conversation' && !conversationId && f.conversation.status !== 'resolved') {
    // Another tab started a conversation.
    setConversation(f.conversation.id);
    client.subscribe(f.conversation.id, 0);
  }
}

/**
 * An operator started a chat with the visitor (Start chat): follow it and open
 * the chat where their message is, leaving the page's focus where it is. On a
 * phone the chat would cover the page: the badge says there is a message.
 */
function acceptInvite(id: string): void {
  if (conversationId && conversationId !== id) {
    // The chat showed an earlier, resolved conversation: the new one starts on a clean page.
    for (const node of view.log.querySelectorAll('.msg[data-seq], .event')) node.remove();
    lastSeq = 0;
    firstSeq = 0;
  }
  setConversation(id);
  if (client.lastSeq(id) === undefined) client.subscribe(id, 0);
  if (visible || fullScreen) return;
  quietOpen = true;
  toLoader({ ns: NS, type: 'open' });
}

function addMessage(m: MessageDto): void {
  const node = messageNode(api, m, () => follow.grew());
  const pending = m.clientId ? view.log.querySelector(`.pending[data-client="${CSS.escape(m.clientId)}"]`) : null;
  follow.add(m.author.kind === 'visitor' && !!pending, () => {
    if (pending) pending.replaceWith(node);
    else view.log.insertBefore(node, view.log.querySelector('.pending'));
  });
  if (!firstSeq || m.seq < firstSeq) firstSeq = m.seq;
  lastSeq = Math.max(lastSeq, m.seq);
  if (m.author.kind === 'operator') {
    showTyping(null);
    if (!visible || document.hidden) {
      unread++;
      toLoader({ ns: NS, type: 'unread', count: unread });
    }
  }
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

function clearError(): void {
  view.error.textContent = '';
}

/** `fileName` names a file sent without text while it is on its way. */
async function send(body: string, attachmentIds?: string[], fileName?: string): Promise<void> {
  const clientId = newClientId();
  const node = pendingNode(body || fileName || 'File', clientId, 'Sending…');
  follow.add(true, () => view.log.append(node));
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

async function upload(file: File): Promise<void> {
  view.note.textContent = `Uploading ${file.name}…`;
  try {
    const up = await api.upload(file, conversationId);
    setConversation(up.conversationId);
    if (client.lastSeq(up.conversationId) === undefined) client.subscribe(up.conversationId, 0);
    await send('', [up.attachment.id], up.attachment.name);
  } catch (err) {
    view.error.textContent = `${file.name} was not sent: ${(err as Error).message}`;
  } finally {
    view.note.textContent = '';
  }
}

async function loadEarlier(): Promise<void> {
  if (!conversationId || !firstSeq) return;
  const page = await api.earlier(conversationId, firstSeq);
  const anchor = view.earlier.nextSibling?.nextSibling ?? null;
  const restore = follow.keepPlace();
  for (const m of page.messages)
    view.log.insertBefore(
      messageNode(api, m, () => {}),
      anchor,
    );
  restore();
  if (page.messages[0]) firstSeq = page.messages[0].seq;
  view.earlier.hidden = !page.hasEarlier;
}

function wire(): void {
  const form = view.input.form as HTMLFormElement;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearError();
    const body = view.input.value.trim();
    if (!body) return;
    view.input.value = '';
    stopTyping();
    drafts?.clear();
    void send(body);
  });
  view.input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  view.input.addEventListener('input', () => {
    clearError();
    typing();
    drafts?.changed(view.input.value);
  });
  view.close.addEventListener('click', () => toLoader({ ns: NS, type: 'close' }));
  document.addEventListener('keydown', (e) => e.key === 'Escape' && toLoader({ ns: NS, type: 'close' }));
  trapFocus(view.root, () => visible && fullScreen);
  view.attach.addEventListener('click', () => {
    clearError();
    view.file.click();
  });
  view.file.addEventListener('change', () => {
    const file = view.file.files?.[0];
    view.file.value = '';
    if (file) void upload(file);
  });
  view.earlier.addEventListener('click', () => void loadEarlier());
  document.addEventListener('visibilitychange', markRead);
}
