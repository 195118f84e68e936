/**
 * One conversation on screen (or a new one about to start): its messages as
 * they arrive, "Seen", typing both ways, sending, files, earlier pages, and
 * how it ended (the notice and the rating survey). main.ts owns the realtime
 * client and hands this the frames of the conversation shown.
 */
import type { ConversationSummary, MessageDto, RichClickInput, ServerFrame } from '@switchboard/protocol';
import { newClientId } from '@switchboard/protocol/client';
import type { RealtimeClient } from '@switchboard/protocol/client';
import type { Api, Look } from './api.js';
import { buildChatView, type ChatView, messageNode, pendingNode } from './chat-view.js';
import { answered } from './rich.js';
import type { DraftSender } from './draft.js';
import { h } from './dom.js';
import { errorText } from './errors.js';
import { Follow } from './follow.js';
import { t } from './i18n.js';
import { Survey } from './survey.js';

/**
 * Summaries reach the widget by several ways (a subscription's `synced`, the
 * visitor's batched `conversations`, answers to its own requests) and not in
 * order: one from before the latest line it holds is out of date.
 */
export const isOlder = (a: ConversationSummary, b: ConversationSummary): boolean => a.lastSeq < b.lastSeq || a.updatedAt < b.updatedAt;

export interface ChatHost {
  api: Api;
  look: Look;
  client: RealtimeClient;
  drafts: DraftSender | null;
  visible(): boolean;
  /** A new conversation started with this chat's first message or file. */
  started(id: string): void;
  /** The conversation changed (status, rating): the header and the list follow. */
  changed(summary: ConversationSummary): void;
  /** An operator's message the visitor has not read; `live`: it arrived just now (the sound). */
  operatorMessage(live: boolean, message: MessageDto): void;
}

/** The latest place in the queue of each conversation: it may come before the chat is drawn or knows its id. */
export const places = new Map<string, { position: number | null; waitSeconds: number | null }>();

export class Chat {
  readonly view: ChatView;
  private readonly follow: Follow;
  private lastSeq = 0;
  private firstSeq = 0;
  private readSeq: number;
  private synced = false;
  private sending = 0;
  private typingSent = 0;
  private typingStop: ReturnType<typeof setTimeout> | undefined;
  private typingHide: ReturnType<typeof setTimeout> | undefined;
  private survey: Survey | null = null;
  /** Ended here (End chat) or rated here: the survey stays offered while the visitor is on the page. */
  private askedHere = false;
  /** The latest message not the visitor's: a bot's while the virtual agent handles the conversation. */
  private lastOther: { seq: number; bot: boolean } = { seq: 0, bot: false };
  /** What rich messages (E2) do: a click is recorded; a quick reply or a chosen product is sent as the visitor's message. */
  private readonly rich = {
    click: (messageId: string, c: Omit<RichClickInput, 'messageId'>) => {
      if (this.id) this.host.api.click(this.id, { messageId, ...c }).catch(() => {});
    },
    say: (text: string) => void this.send(text),
  };

  constructor(
    private readonly host: ChatHost,
    public id: string | null,
    public summary: ConversationSummary | null,
    /** Started with "New conversation": the first message starts one even when another is open. */
    readonly fresh: boolean,
  ) {
    this.view = buildChatView(host.look);
    this.follow = new Follow(this.view.log, this.view.newer);
    this.readSeq = summary?.visitorReadSeq ?? 0;
    this.wire();
    this.ended();
  }

  get resolved(): boolean {
    return this.summary?.status === 'resolved';
  }

  dispose(): void {
    this.stopTyping();
    clearTimeout(this.typingHide);
  }

  /** The chat became visible: the log had no height to scroll while hidden. */
  shown(): void {
    this.follow.shown();
    this.markRead();
  }

  onFrame(f: ServerFrame): void {
    if (f.type === 'message' && f.message.conversationId === this.id) this.add(f.message);
    else if (f.type === 'synced' && f.conversationId === this.id) {
      this.synced = true;
      this.view.earlier.hidden = !f.hasEarlier;
      this.update(f.conversation);
      this.showSeen(f.conversation.operatorReadSeq);
      this.markRead();
    } else if (f.type === 'typing' && f.conversationId === this.id && f.author.kind === 'operator') this.showTyping(f.typing ? f.author.name : null);
    else if (f.type === 'read' && f.reader === 'operator' && f.conversationId === this.id) this.showSeen(f.seq);
    else if (f.type === 'conversation' && f.conversation.id === this.id) this.update(f.conversation);
    else if (f.type === 'merged' && (f.from === this.id || f.into === this.id)) {
      // The team made two of the visitor's conversations one, renumbered: show the survivor afresh
      // (RealtimeClient follows it again from its latest page). Messages still on their way stay.
      for (const node of this.view.log.querySelectorAll('.msg[data-seq], .event')) node.remove();
      this.lastSeq = 0;
      this.firstSeq = 0;
      this.id = f.into;
      this.update(f.conversation);
    }
    this.showPlace();
  }

  /** "Talk to a person" at every answer of the virtual agent; gone once people have the conversation (its line follows). */
  private showHandover(): void {
    this.view.handover.hidden = !this.lastOther.bot || this.resolved;
  }

  private async askForPerson(): Promise<void> {
    if (!this.id) return;
    this.view.handover.disabled = true;
    try {
      await this.host.api.handover(this.id);
      this.view.handover.hidden = true;
    } catch (err) {
      this.view.error.textContent = errorText(err);
    } finally {
      this.view.handover.disabled = false;
    }
  }

  /** Where the conversation stands in the queue; nothing once an operator has it. */
  private showPlace(): void {
    const p = this.id ? places.get(this.id) : undefined;
    const n = this.summary?.assigneeId || !p?.position ? 0 : p.position;
    const minutes = Math.max(1, Math.round((p?.waitSeconds ?? 0) / 60));
    const text = !n ? '' : p?.waitSeconds == null ? t('queuePlace', { n }) : t(minutes === 1 ? 'queueWaitMinute' : 'queueWait', { n, minutes });
    if (this.view.queue.textContent !== text) this.view.queue.textContent = text;
  }

  /** The conversation as the server says it is now; a summary older than the one held changes nothing. */
  update(summary: ConversationSummary): void {
    if (this.summary?.id === summary.id && isOlder(summary, this.summary)) return;
    this.summary = summary;
    this.host.changed(summary);
    this.ended();
  }

  /** Ended with "End chat" here: the survey follows, whatever the inbox asks. */
  endedHere(summary: ConversationSummary): void {
    this.askedHere = true;
    this.update(summary);
  }

  /** The notice and the survey under a resolved conversation; nothing under an open one. */
  private ended(): void {
    const s = this.summary;
    this.view.input.placeholder = t(this.resolved ? 'writeToReopen' : 'writeMessage');
    this.showHandover();
    if (!s || !this.resolved) {
      this.view.after.replaceChildren();
      this.survey = null;
      return;
    }
    const ask = this.askedHere || (this.host.look.askRating && s.rating === null);
    if (!ask) {
      this.view.after.replaceChildren(h('p', { class: 'ended' }, t('resolvedNotice')));
      return;
    }
    if (this.survey) return;
    const id = s.id;
    this.survey = new Survey(async (rating, comment) => {
      const r = await this.host.api.rate(id, rating, comment);
      this.askedHere = true;
      this.summary = r.conversation;
      this.host.changed(r.conversation);
    });
    this.view.after.replaceChildren(h('p', { class: 'ended' }, t('resolvedNotice')), this.survey.root);
    this.follow.grew();
  }

  private add(m: MessageDto): void {
    // The visitor wrote: earlier quick replies are answered.
    if (m.author.kind === 'visitor') answered(this.view.log);
    const node = messageNode(this.host.api, this.host.look, m, () => this.follow.grew(), this.rich);
    if (!this.firstSeq || m.seq < this.firstSeq) this.firstSeq = m.seq;
    this.lastSeq = Math.max(this.lastSeq, m.seq);
    const pending = m.clientId ? this.view.log.querySelector(`.pending[data-client="${CSS.escape(m.clientId)}"]`) : null;
    if (node || pending) {
      this.follow.add(m.author.kind === 'visitor' && !!pending, () => {
        if (pending && node) pending.replaceWith(node);
        else if (pending) pending.remove();
        else if (node) this.view.log.insertBefore(node, this.view.log.querySelector('.pending'));
      });
    }
    // The line is news about the conversation too (its summary may come later, or an older one after it).
    const seen = this.summary && { ...this.summary, lastSeq: Math.max(m.seq, this.summary.lastSeq), updatedAt: Math.max(m.createdAt, this.summary.updatedAt) };
    if (m.event?.type === 'status' && seen) this.update({ ...seen, status: m.event.status });
    else if (m.event?.type === 'rating' && seen) this.summary = { ...seen, rating: m.event.rating };
    if (m.author.kind !== 'visitor' && m.seq > this.lastOther.seq) {
      this.lastOther = { seq: m.seq, bot: m.author.kind === 'bot' };
      this.showHandover();
    }
    // A bot's answer is news for the visitor like an operator's.
    if (m.author.kind === 'operator' || m.author.kind === 'bot') {
      this.showTyping(null);
      if (m.seq > this.readSeq) this.host.operatorMessage(this.synced, m);
    }
    this.markRead();
  }

  markRead(): void {
    if (!this.host.visible() || document.hidden || !this.id || this.lastSeq <= this.readSeq) return;
    if (this.host.client.connectionState !== 'open') return;
    this.readSeq = this.lastSeq;
    this.host.client.sendVolatile({ type: 'read', conversationId: this.id, seq: this.lastSeq });
  }

  private showTyping(name: string | null): void {
    clearTimeout(this.typingHide);
    this.view.typing.textContent = name ? t('typing', { name }) : '';
    if (name) this.typingHide = setTimeout(() => this.showTyping(null), 6000);
  }

  private showSeen(seq: number): void {
    this.view.log.querySelector('.seen')?.remove();
    const mine = [...this.view.log.querySelectorAll<HTMLElement>('.msg.mine[data-seq]')].filter((el) => Number(el.dataset.seq) <= seq).pop();
    mine?.append(h('small', { class: 'seen' }, t('seen')));
  }

  clearError(): void {
    this.view.error.textContent = '';
  }

  /** `fileName` names a file sent without text while it is on its way. */
  private async send(body: string, attachmentIds?: string[], fileName?: string): Promise<void> {
    const clientId = newClientId();
    const node = pendingNode(body || fileName || t('file'), clientId);
    this.follow.add(true, () => this.view.log.append(node));
    const starting = !this.id;
    if (starting) this.sending++;
    try {
      const ack = await this.host.client.send({
        clientId,
        body,
        ...(this.id ? { conversationId: this.id } : this.fresh ? { newConversation: true } : {}),
        ...(attachmentIds ? { attachmentIds } : {}),
      });
      if (ack.conversationId !== this.id) {
        this.id = ack.conversationId;
        this.host.started(ack.conversationId);
      }
    } catch (err) {
      const note = node.querySelector('.note');
      if (note) note.textContent = t('notSent', { reason: errorText(err) });
      node.classList.add('failed');
    } finally {
      if (starting) this.sending--;
    }
  }

  /** A first message is on its way: the conversation it starts is this chat's, not one to follow from elsewhere. */
  get starting(): boolean {
    return this.sending > 0;
  }

  private typing(): void {
    if (!this.id || this.host.client.connectionState !== 'open') return;
    const now = Date.now();
    if (now - this.typingSent > 2000) {
      this.typingSent = now;
      this.host.client.sendVolatile({ type: 'typing', conversationId: this.id, typing: true });
    }
    clearTimeout(this.typingStop);
    this.typingStop = setTimeout(() => this.stopTyping(), 3000);
  }

  private stopTyping(): void {
    clearTimeout(this.typingStop);
    if (this.typingSent && this.id && this.host.client.connectionState === 'open') {
      this.host.client.sendVolatile({ type: 'typing', conversationId: this.id, typing: false });
    }
    this.typingSent = 0;
  }

  private async upload(file: File): Promise<void> {
    this.view.note.textContent = t('uploading', { name: file.name });
    try {
      const up = await this.host.api.upload(file, this.id, this.fresh);
      if (up.conversationId !== this.id) {
        this.id = up.conversationId;
        this.host.started(up.conversationId);
      }
      await this.send('', [up.attachment.id], up.attachment.name);
    } catch (err) {
      this.view.error.textContent = t('fileNotSent', { name: file.name, reason: errorText(err) });
    } finally {
      this.view.note.textContent = '';
    }
  }

  private async loadEarlier(): Promise<void> {
    if (!this.id || !this.firstSeq) return;
    const page = await this.host.api.earlier(this.id, this.firstSeq).catch(() => null);
    if (!page) return;
    const anchor = this.view.earlier.nextSibling?.nextSibling ?? null;
    const restore = this.follow.keepPlace();
    for (const m of page.messages) {
      const node = messageNode(this.host.api, this.host.look, m, () => {}, this.rich);
      if (node) this.view.log.insertBefore(node, anchor);
    }
    restore();
    if (page.messages[0]) this.firstSeq = page.messages[0].seq;
    this.view.earlier.hidden = !page.hasEarlier;
  }

  private wire(): void {
    const v = this.view;
    v.handover.addEventListener('click', () => {
      this.clearError();
      void this.askForPerson();
    });
    const form = v.input.form as HTMLFormElement;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.clearError();
      const body = v.input.value.trim();
      if (!body) return;
      v.input.value = '';
      this.stopTyping();
      this.host.drafts?.clear();
      void this.send(body);
    });
    v.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        form.requestSubmit();
      }
    });
    v.input.addEventListener('input', () => {
      this.clearError();
      this.typing();
      this.host.drafts?.changed(v.input.value);
    });
    v.attach.addEventListener('click', () => {
      this.clearError();
      v.file.click();
    });
    v.file.addEventListener('change', () => {
      const file = v.file.files?.[0];
      v.file.value = '';
      if (file) void this.upload(file);
    });
    v.earlier.addEventListener('click', () => void this.loadEarlier());
  }
}
