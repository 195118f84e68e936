/**
 * The chat app inside the iframe. It waits for the loader's `init` (which
 * brings the page), picks the visitor's language and fetches its words while
 * it starts or resumes the visitor (token kept in its own storage), then
 * shows a conversation or the list of them, and follows them over the
 * realtime protocol. Screens live in their own modules: chat.ts (one
 * conversation), list-view.ts (the list), header.ts, survey.ts, and the
 * forms a new conversation may start with: offline.ts (nobody available)
 * and pre-chat.ts (the inbox's pre-chat form).
 */
import type { ConversationSummary, ServerFrame } from '@switchboard/protocol';
import { RealtimeClient, reloadForNewVersion } from '@switchboard/protocol/client';
import { isBridgeMessage, NS, type PageInfo, type ToApp, type ToLoader } from '../bridge.js';
import { ConnectionNotice } from '../connection-notice.js';
import { Api, type FormAnswer, type Look, type Session } from './api.js';
import type { FormLook } from '../forms/rules.js';
import { Chat, type ChatHost, isOlder, places } from './chat.js';
import { h } from './dom.js';
import { DraftSender } from './draft.js';
import { errorText, WidgetError } from './errors.js';
import { identityFromPage, showSignInNeeded } from './identity.js';
import { trapFocus } from './focus.js';
import { buildHeader, type Header } from './header.js';
import { backAt, language as currentLanguage, loadLanguage, pickLanguage, t } from './i18n.js';
import { buildOfflineForm } from './offline.js';
import { buildPreChatForm } from './pre-chat.js';
import { buildListView, type ListView } from './list-view.js';
import { Sound } from './sound.js';
import { suggestArticles } from './suggest.js';
import { downloadTranscript } from './transcript.js';
import { messageEvent, SdkCommands } from './sdk.js';
import { forgetToken, storedToken, storeToken } from './visitor-token.js';

const params = new URLSearchParams(location.search);
// The embedding page's origin as the browser knows it wins over what the frame's address claims (`#o=`).
const known = location.ancestorOrigins?.[0];
const parentOrigin = known && known !== 'null' ? known : (new URLSearchParams(location.hash.slice(1)).get('o') ?? '');
const api = new Api(params.get('key') ?? '');
const toLoader = (m: ToLoader) => parent.postMessage(m, parentOrigin || '*');

let look: Look;
let header: Header;
let sound: Sound;
let client: RealtimeClient;
let status: HTMLElement;
let screen: HTMLElement;
let chat: Chat | null = null;
let list: ListView | null = null;
let conversations: ConversationSummary[] = [];
let nextCursor: string | null = null;
/** The conversation followed over the socket (the one shown, or the open one left for the list). */
let followed: string | null = null;
let visible = false;
/** The chat fills the screen (a phone): focus stays inside it until it is closed. */
let fullScreen = false;
let unread = 0;
let drafts: DraftSender | null = null;
/** The website vouched for the visitor; the inbox may let only such visitors write. */
let verified = false;
let identityRequired = false;
let started: () => void;
const whenStarted = new Promise<void>((resolve) => (started = resolve));
/** The page the visitor is on (single-page sites change it without a reload), reported again after a reconnect. */
let currentPage: PageInfo | null = null;
/** The chat was opened for the visitor by an operator's first message: the page keeps the focus. */
let quietOpen = false;
/** An operator of the inbox is online now (the session said, `availability` frames tell changes). */
let available = true;
/** Outside the team's business hours: when it is back (epoch ms; null: not within a year); undefined while open. */
let closedUntil: number | null | undefined;
const back = () => (closedUntil === undefined ? null : backAt(closedUntil));
/** A verified visitor's email as the website gave it: the offline form need not ask. */
let email: string | null = null;
/** The form shown for a new conversation, if any; `formFresh`: it was asked for with "New conversation". */
let form: 'offline' | 'pre-chat' | null = null;
let formFresh = false;
/** A form is on its way to the server: the conversation it starts is its own, not one to follow from elsewhere. */
let formBusy = false;
/** What the visitor typed in a form (or the empty chat), kept when one is swapped for another. */
const typed: Record<string, unknown> = {};
/** What the page last said with `identify` (id and hash): `setAttributes` sends them along, so a verified contact takes the attributes. */
let pageIdentity: { id?: string; hash?: string } = {};
/** `Switchboard('shutdown')`: the visitor is forgotten; nothing is started or stored again in this page. */
let forgotten = false;
const emit = (name: string, data?: unknown) => toLoader({ ns: NS, type: 'event', name, data });
const sdk = new SdkCommands({
  identify,
  async setAttributes(attributes) {
    await whenStarted;
    const r = await api.identify({ ...pageIdentity, attributes });
    followIdentity(r.verified, r.conversations);
  },
  async track(event) {
    await whenStarted;
    await api.track(event);
  },
  shutdown,
  async trigger(event) {
    await whenStarted;
    if (event.action === 'shown') {
      // The impression, once per showing; a refusal (the server's cap) leaves Reply as a plain open.
      triggerShown.set(
        event.id,
        api.triggerShown(event.id, event.variant, event.visitId).then(
          (r) => r.impressionId,
          () => null,
        ),
      );
      return;
    }
    const impressionId = await triggerShown.get(event.id);
    if (!impressionId) return;
    const r = await api.triggerReply(impressionId, currentLanguage());
    acceptInvite(r.conversationId);
  },
});
/** Proactive triggers shown on this page: their impression ids, for Reply. */
const triggerShown = new Map<string, Promise<string | null>>();

window.addEventListener('message', (e) => {
  if (e.source !== parent || e.origin !== parentOrigin || !isBridgeMessage<ToApp>(e.data)) return;
  const m = e.data;
  if (m.type === 'init') {
    // Shown or not from now on follows the loader's latest word ('open', 'hide'), also while the chat starts.
    visible = m.open;
    fullScreen = m.full;
    void start(m.page);
  } else if (m.type === 'open') setVisible(true, m.full);
  else if (m.type === 'hide') setVisible(false, fullScreen);
  else if (m.type === 'page') {
    currentPage = m.page;
    reportPage(m.page);
  } else if (m.type === 'command') void sdk.run(m.name, m.args);
});
toLoader({ ns: NS, type: 'ready' });

const host: ChatHost = {
  api,
  get look() {
    return look;
  },
  get client() {
    return client;
  },
  get drafts() {
    return drafts;
  },
  visible: () => visible,
  started(id) {
    follow(id);
    client.subscribe(id, 0);
    toLoader({ ns: NS, type: 'active', active: true });
    refreshHeader();
  },
  changed(summary) {
    keep(summary);
    if (summary.id === followed) toLoader({ ns: NS, type: 'active', active: summary.status !== 'resolved' });
    refreshHeader();
  },
  operatorMessage(live, message) {
    if (live) emit('message', messageEvent(message));
    if (visible && !document.hidden) return;
    setUnread(unread + 1);
    if (live) sound.chime();
  },
};

async function start(page: PageInfo): Promise<void> {
  if (header || forgotten) return;
  currentPage = page;
  const token = storedToken(api.websiteKey);
  const lang = pickLanguage();
  let s: Session;
  try {
    [s] = await Promise.all([api.session(token, parentOrigin, lang), loadLanguage(lang)]);
  } catch (err) {
    await loadLanguage(lang);
    document.body.textContent = errorText(err);
    return;
  }
  if (forgotten) return;
  if (s.visitorToken !== token) storeToken(api.websiteKey, s.visitorToken);
  look = s.inbox;
  identityRequired = look.identityRequired === true;
  verified = s.verified === true;
  email = s.email ?? null;
  available = look.forms?.available !== false;
  closedUntil = look.forms?.closed ? (look.forms.opensAt ?? null) : undefined;
  conversations = s.conversations;
  nextCursor = s.nextCursor;
  if (look.sneakPeek) {
    drafts = new DraftSender((text) => {
      const id = chat?.id;
      if (!id || client?.connectionState !== 'open') return false;
      client.sendVolatile({ type: 'draft', conversationId: id, text });
      return true;
    });
  }
  sound = new Sound(api.websiteKey, look.sound);
  header = buildHeader(look, look.sound);
  header.setMuted(sound.muted);
  status = h('div', { class: 'status', role: 'status' });
  screen = h('div', { class: 'screens' });
  const root = h('div', { class: 'chat' }, header.root, header.menu, header.confirm, status, screen);
  document.documentElement.style.setProperty('--c', look.color);
  document.documentElement.style.setProperty('--t', look.textColor);
  document.getElementById('app')?.replaceWith(root);
  wire(root);
  const notice = new ConnectionNotice((text) => (status.textContent = text), undefined, undefined, {
    connecting: t('connecting'),
    reconnecting: t('reconnecting'),
    connected: t('connected'),
  });
  client = new RealtimeClient({
    url: `${location.origin.replace(/^http/, 'ws')}/ws`,
    auth: () => ({ kind: 'visitor', websiteKey: api.websiteKey, visitorToken: api.token }),
    onFrame,
    onState: (state, reason) => {
      if (state === 'refused' && reason === 'bad_version' && reloadForNewVersion(window)) return;
      notice.update(state);
      if (state === 'open' && currentPage) reportPage(currentPage);
      else if (state === 'refused') status.textContent = t('unavailable');
    },
  });
  // An open conversation first; else the last one when it still asks for a rating; else the list, or a new conversation.
  const current = conversations.find((c) => c.status !== 'resolved') ?? (conversations[0]?.rating === null && look.askRating ? conversations[0] : undefined);
  if (current) openChat(current);
  else if (conversations.length) showList();
  else openChat(null);
  client.connect();
  setVisible(visible, fullScreen);
  started();
}

/** The website says who the visitor is (`Switchboard('identify', …)`): the server decides whether its hash vouches for it. */
async function identify(user: unknown, options: unknown): Promise<void> {
  const identity = identityFromPage(user, options);
  if (typeof identity === 'string') return console.warn(`Switchboard: identify ignored: ${identity}`);
  pageIdentity = identity.id === undefined ? {} : { id: identity.id, ...(identity.hash ? { hash: identity.hash } : {}) };
  await whenStarted;
  try {
    const r = await api.identify(identity);
    if (r.verified && identity.email) email = identity.email;
    followIdentity(r.verified, r.conversations);
  } catch (err) {
    console.warn(`Switchboard: identify failed: ${errorText(err)}`);
  }
}

/** Who the visitor is changed (here, in another tab, or on another device of theirs): the conversations they may see now. */
function followIdentity(isVerified: boolean, mine: ConversationSummary[]): void {
  verified = isVerified;
  conversations = mine;
  nextCursor = null;
  const current = mine.find((c) => c.status !== 'resolved') ?? mine[0];
  if (chat?.id && !mine.some((c) => c.id === chat?.id)) {
    // No longer theirs (the website vouches for someone else now): start afresh.
    openChat(current ?? null);
  } else if (((chat && !chat.id && !chat.starting) || (form && !formBusy)) && current) openChat(current);
  else if (form && !formBusy) openChat(null, formFresh);
  else {
    if (chat) showSignInNeeded(chat.view, identityRequired && !verified);
    list?.render(conversations, false);
    refreshHeader();
  }
}

/**
 * `Switchboard('shutdown')` (the site's user signed out): the visitor token
 * leaves the frame's storage, the socket closes, and the loader takes the
 * widget off the page. The next page starts a new anonymous visitor; the
 * conversations stay with the one forgotten (and with their contact).
 */
async function shutdown(): Promise<void> {
  forgotten = true;
  forgetToken(api.websiteKey);
  api.token = '';
  client?.close();
  toLoader({ ns: NS, type: 'active', active: false });
  emit('gone');
}

function setUnread(n: number): void {
  if (n !== unread) emit('unread', n);
  unread = n;
  toLoader({ ns: NS, type: 'unread', count: n });
}

function follow(id: string | null): void {
  if (followed && followed !== id) client.unsubscribe(followed);
  followed = id;
}

/**
 * The form a new conversation starts with: the offline form while nobody is
 * available (when the inbox has it), else the inbox's pre-chat form; none
 * for a visitor who may not write (the sign-in notice says why).
 */
function showForm(fresh: boolean): boolean {
  const f = look.forms;
  const kind = !f || (identityRequired && !verified) ? null : !available && f.offline ? 'offline' : f.preChat ? 'pre-chat' : null;
  if (!kind) return false;
  chat?.dispose();
  chat = null;
  list = null;
  follow(null);
  form = kind;
  formFresh = fresh;
  const send = async (body: Record<string, unknown>) => {
    formBusy = true;
    try {
      const answer = await api.form(kind === 'offline' ? 'offline-message' : kind, body);
      formBusy = false;
      formDone(answer, kind);
    } finally {
      formBusy = false;
    }
  };
  const o = { verified, email, typed, back: back(), send };
  screen.replaceChildren(kind === 'offline' ? buildOfflineForm(f.offline as FormLook, o) : buildPreChatForm(f.preChat as FormLook, o));
  const message = screen.querySelector<HTMLTextAreaElement>('textarea[name="message"]');
  if (message) {
    suggestArticles(api, message, { active: () => form === kind && !formBusy, place: (r) => message.closest('.field')?.after(r), screens: screen });
  }
  toLoader({ ns: NS, type: 'active', active: false });
  refreshHeader();
  if (visible && !quietOpen) screen.querySelector<HTMLElement>('input, select, textarea')?.focus();
  return true;
}

/** A form started the conversation: show it (the first message comes over the socket), and where the reply goes. */
function formDone(answer: FormAnswer, kind: 'offline' | 'pre-chat'): void {
  for (const key of Object.keys(typed)) delete typed[key];
  keep(answer.conversation);
  openChat(answer.conversation);
  if (kind !== 'offline' || !chat) return;
  const thanks = h('p', { class: 'thanks', role: 'status' });
  chat.view.input.form?.before(thanks);
  // Filled once the live region is in the page, so screen readers say it.
  requestAnimationFrame(() => (thanks.textContent = t('offlineThanks', { email: answer.replyTo ?? '' })));
}

/** `id`: a conversation not listed yet (an operator just started it). */
function openChat(c: ConversationSummary | null, fresh = false, id = c?.id ?? null): void {
  if (!id && showForm(fresh)) return;
  form = null;
  chat?.dispose();
  list = null;
  // A new view starts from the conversation's latest page, also when it stayed followed behind the list.
  follow(null);
  followed = id;
  chat = new Chat(host, id, c, fresh);
  screen.replaceChildren(chat.view.root);
  showSignInNeeded(chat.view, identityRequired && !verified);
  if (!id) {
    // The empty chat says so when nobody is available (the inbox took the offline form away).
    if (!available) chat.view.input.form?.before(h('p', { class: 'away', id: 'away' }, [t('awayNoForm'), back()].filter(Boolean).join(' ')));
    if (typeof typed.message === 'string') chat.view.input.value = typed.message;
    const shown = chat;
    suggestArticles(api, chat.view.input, {
      active: () => chat === shown && !shown.id && !shown.starting,
      place: (r) => shown.view.input.form?.before(r),
      screens: screen,
    });
  }
  if (id) client.subscribe(id);
  toLoader({ ns: NS, type: 'active', active: !!id && c?.status !== 'resolved' });
  refreshHeader();
  if (visible) {
    chat.shown();
    if (!quietOpen) chat.view.input.focus();
  }
}

/**
 * An operator started a chat with the visitor (Start chat): show it and open
 * the chat where their message is, leaving the page's focus where it is. On a
 * phone the chat would cover the page: the badge says there is a message.
 */
function acceptInvite(id: string): void {
  if (chat?.id !== id) openChat(conversations.find((c) => c.id === id) ?? null, false, id);
  if (visible || fullScreen) return;
  quietOpen = true;
  toLoader({ ns: NS, type: 'open' });
}

function showList(): void {
  form = null;
  chat?.dispose();
  // An open conversation stays followed, so its replies still raise the badge and the sound.
  if (chat?.id && chat.resolved) follow(null);
  chat = null;
  list = buildListView({
    open: (c) => openChat(c),
    fresh: () => openChat(null, true),
    older: () => void loadConversations(nextCursor ?? undefined),
  });
  list.render(conversations, !!nextCursor);
  screen.replaceChildren(list.root);
  refreshHeader();
  list.root.querySelector<HTMLElement>('.conv, .new')?.focus();
  void loadConversations();
}

async function loadConversations(cursor?: string): Promise<void> {
  const page = await api.conversations(cursor).catch(() => null);
  if (!page || !list) return;
  conversations = cursor ? [...conversations, ...page.items.filter((c) => !conversations.some((x) => x.id === c.id))] : page.items;
  nextCursor = page.nextCursor;
  list.render(conversations, !!nextCursor);
}

/** What the header offers depends on the screen: back to the list, End chat, the transcript. */
function refreshHeader(): void {
  const others = conversations.some((c) => c.id !== chat?.id);
  header.back.hidden = !!list || (chat ? !(others || chat.resolved) : !others);
  header.setActions({ end: !!chat?.id && !chat.resolved, transcript: !!chat?.id });
}

function onFrame(f: ServerFrame): void {
  if (f.type === 'conversation') {
    const c = f.conversation;
    keep(c);
    // Another tab started a conversation while this one shows none.
    if (chat && !chat.id && !chat.fresh && !chat.starting && c.status !== 'resolved') {
      chat.id = c.id;
      host.started(c.id);
    } else if (form && !formFresh && !formBusy && c.status !== 'resolved') openChat(c);
    list?.render(conversations, !!nextCursor);
  }
  if (f.type === 'merged' && followed === f.from) followed = f.into;
  if (f.type === 'invite') acceptInvite(f.conversationId);
  if (f.type === 'queue') places.set(f.conversationId, f);
  const until = f.type === 'availability' && f.closed ? (f.opensAt ?? null) : undefined;
  if (f.type === 'availability' && (f.available !== available || until !== closedUntil)) {
    available = f.available;
    closedUntil = until;
    // The form appears or goes for a conversation not started yet; one under way goes on as it is.
    if (chat && !chat.id) typed.message = chat.view.input.value || undefined;
    if ((form && !formBusy) || (chat && !chat.id && !chat.starting)) openChat(null, form ? formFresh : !!chat?.fresh);
  }
  if (f.type === 'identity') {
    api.conversations().then(
      (page) => followIdentity(f.verified, page.items),
      () => {},
    );
  }
  if (f.type === 'message' && f.message.conversationId !== chat?.id) {
    // The open conversation followed behind the list: its entry shows the new message, its replies still ring.
    const m = f.message;
    const c = conversations.find((x) => x.id === m.conversationId);
    if (c && m.kind !== 'event') {
      const lastMessage = { seq: m.seq, author: m.author, preview: m.body.slice(0, 140), createdAt: m.createdAt, files: m.attachments.length };
      conversations = [{ ...c, lastMessage, lastSeq: Math.max(c.lastSeq, m.seq), updatedAt: m.createdAt }, ...conversations.filter((x) => x !== c)];
      list?.render(conversations, !!nextCursor);
    }
    if (m.author.kind === 'operator' || m.author.kind === 'bot') host.operatorMessage(true, m);
  }
  chat?.onFrame(f);
}

/** The visitor's list takes a conversation's summary unless it holds a newer one; most recent activity first. */
function keep(summary: ConversationSummary): void {
  const held = conversations.find((c) => c.id === summary.id);
  if (held && isOlder(summary, held)) return;
  conversations = [summary, ...conversations.filter((c) => c.id !== summary.id)].sort((a, b) => b.updatedAt - a.updatedAt);
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
  if (!header) return;
  if (v) {
    setUnread(0);
    chat?.shown();
    if (!quietOpen) (chat?.view.input ?? (form ? screen.querySelector<HTMLElement>('input, select, textarea') : null))?.focus();
    quietOpen = false;
  } else chat?.clearError();
}

async function endChat(): Promise<void> {
  const c = chat;
  header.confirm.hidden = true;
  if (!c?.id) return;
  try {
    c.endedHere((await api.end(c.id)).conversation);
    c.view.after.querySelector<HTMLInputElement>('input[type=radio]')?.focus();
  } catch (err) {
    c.view.error.textContent = errorText(err);
  }
}

function wire(root: HTMLElement): void {
  header.close.addEventListener('click', () => toLoader({ ns: NS, type: 'close' }));
  header.back.addEventListener('click', showList);
  header.mute.addEventListener('click', () => {
    sound.setMuted(!sound.muted);
    header.setMuted(sound.muted);
  });
  header.more.addEventListener('click', () => header.setMenu(header.menu.hidden === true));
  header.endChat.addEventListener('click', () => {
    header.setMenu(false);
    header.confirm.hidden = false;
    header.confirmCancel.focus();
  });
  header.confirmCancel.addEventListener('click', () => {
    header.confirm.hidden = true;
    header.more.focus();
  });
  header.confirmEnd.addEventListener('click', () => void endChat());
  for (const [button, format] of [
    [header.transcriptHtml, 'html'],
    [header.transcriptText, 'text'],
  ] as const) {
    button.addEventListener('click', () => {
      header.setMenu(false);
      const shown = chat;
      if (!shown?.id) return;
      downloadTranscript(api, shown.id, format).catch((err) => {
        shown.view.error.textContent = errorText(err);
      });
    });
  }
  header.transcriptEmail.addEventListener('click', () => {
    header.setMenu(false);
    const shown = chat;
    if (!shown?.id) return;
    shown.view.error.textContent = '';
    api.emailTranscript(shown.id).then(
      (r) => {
        shown.view.note.textContent = t('transcriptEmailed', { email: r.recipient });
      },
      (err) => {
        shown.view.error.textContent = err instanceof WidgetError && err.code === 'bad_request' ? t('transcriptNoEmail') : errorText(err);
      },
    );
  });
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    if (!header.menu.hidden || !header.confirm.hidden) {
      header.setMenu(false);
      header.confirm.hidden = true;
      header.more.focus();
    } else toLoader({ ns: NS, type: 'close' });
  });
  trapFocus(root, () => visible && fullScreen);
  document.addEventListener('visibilitychange', () => chat?.markRead());
}
