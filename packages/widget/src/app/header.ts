/**
 * The chat's header: "Back to conversations", the team (pictures and name),
 * how soon it usually replies, "Mute sounds", "More options" ("End chat" and
 * the transcript downloads) and "Close chat"; and the "End this chat?"
 * question. It draws; main.ts decides what is shown.
 */
import type { Look } from './api.js';
import { avatarNode } from './avatar.js';
import { h, ICONS, icon } from './dom.js';
import { duration, t } from './i18n.js';

export interface Header {
  root: HTMLElement;
  back: HTMLButtonElement;
  close: HTMLButtonElement;
  mute: HTMLButtonElement;
  more: HTMLButtonElement;
  menu: HTMLElement;
  endChat: HTMLButtonElement;
  transcriptHtml: HTMLButtonElement;
  transcriptText: HTMLButtonElement;
  transcriptEmail: HTMLButtonElement;
  confirm: HTMLElement;
  confirmEnd: HTMLButtonElement;
  confirmCancel: HTMLButtonElement;
  setMuted(muted: boolean): void;
  /** What the menu offers for the conversation shown (nothing: the button hides). */
  setActions(a: { end: boolean; transcript: boolean }): void;
  setMenu(open: boolean): void;
}

export function replyTimeText(r: Look['replyTime']): string | null {
  if (!r) return null;
  if (r.kind === 'measured') return r.ms === null ? null : t('replyAbout', { duration: duration(r.ms) });
  return t(r.kind === 'minutes' ? 'replyMinutes' : r.kind === 'hour' ? 'replyHour' : 'replyDay');
}

export function buildHeader(look: Look, soundOn: boolean): Header {
  const iconButton = (d: string, label: string, cls: string, size?: number) =>
    icon(h('button', { type: 'button', class: `x ${cls}`, 'aria-label': label, title: label }), d, size);
  const back = iconButton(ICONS.back, t('backToConversations'), 'back');
  back.hidden = true;
  const close = iconButton(ICONS.cross, t('closeChat'), 'close', 22);
  // A toggle keeps its name; aria-pressed says whether sounds are muted (the tooltip says what a press does).
  const mute = iconButton(ICONS.sound, t('muteSounds'), 'mute');
  mute.hidden = !soundOn;
  const more = iconButton(ICONS.more, t('moreOptions'), 'more-btn');
  more.setAttribute('aria-expanded', 'false');
  more.setAttribute('aria-controls', 'menu');
  const item = (key: Parameters<typeof t>[0]) => h('button', { type: 'button', class: 'item' }, t(key));
  const endChat = item('endChat');
  const transcriptHtml = item('transcriptHtml');
  const transcriptText = item('transcriptText');
  const transcriptEmail = item('transcriptEmail');
  const menu = h(
    'div',
    { class: 'menu', id: 'menu', role: 'group', 'aria-label': t('moreOptions'), hidden: true },
    endChat,
    transcriptHtml,
    transcriptText,
    transcriptEmail,
  );
  const confirmEnd = h('button', { type: 'button', class: 'danger' }, t('endChat'));
  const confirmCancel = h('button', { type: 'button', class: 'plain' }, t('cancel'));
  const confirm = h(
    'div',
    { class: 'confirm', role: 'alertdialog', 'aria-labelledby': 'confirm-q', 'aria-describedby': 'confirm-hint', hidden: true },
    h('p', { id: 'confirm-q', class: 'q' }, t('endChatQuestion')),
    h('p', { id: 'confirm-hint', class: 'hint' }, t('endChatHint')),
    h('div', { class: 'row' }, confirmCancel, confirmEnd),
  );
  const reply = replyTimeText(look.replyTime);
  const team = look.team.length ? h('div', { class: 'avatars' }, ...look.team.map((m) => avatarNode(m.name, m.avatarUrl))) : null;
  const root = h(
    'header',
    { class: 'top' },
    back,
    team,
    h('div', { class: 'title' }, h('h1', {}, look.teamName), reply ? h('p', { class: 'reply' }, reply) : null),
    mute,
    more,
    close,
  );
  const header: Header = {
    root,
    back,
    close,
    mute,
    more,
    menu,
    endChat,
    transcriptHtml,
    transcriptText,
    transcriptEmail,
    confirm,
    confirmEnd,
    confirmCancel,
    setMuted(muted) {
      mute.setAttribute('aria-pressed', String(muted));
      mute.title = t(muted ? 'unmuteSounds' : 'muteSounds');
      mute.classList.toggle('off', muted);
    },
    setActions(a) {
      endChat.hidden = !a.end;
      transcriptHtml.hidden = transcriptText.hidden = transcriptEmail.hidden = !a.transcript;
      more.hidden = !a.end && !a.transcript;
      if (more.hidden) header.setMenu(false);
    },
    setMenu(open) {
      menu.hidden = !open;
      more.setAttribute('aria-expanded', String(open));
    },
  };
  return header;
}
