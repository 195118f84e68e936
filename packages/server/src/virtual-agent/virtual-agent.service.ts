/**
 * The virtual agent at work (G5). It is an agent bot without a webhook: a
 * conversation started in its inbox is its own (bot_conversations) and joins
 * no queue. On each text message of the visitor, after the message is
 * committed and acknowledged (a `message.created` subscriber, one
 * conversation at a time), it looks for the answer in the published
 * articles and either answers as the bot, citing the article, or hands the
 * conversation to people:
 * - 'visitor_asked': the visitor clicked "Talk to a person";
 * - 'no_answer': no article answers confidently (decide.ts);
 * - 'mood': the visitor's mood soured (`mood.soured`);
 * - 'turns': it answered `maxTurns` times already;
 * - 'offline': any of the above outside the inbox team's business hours: the
 *   conversation waits for the team as an offline message (reply by email).
 */
import type { Context } from '../context.js';
import type { EventOf } from '../events/events.js';
import { summarize } from '../conversation/conversation.service.js';
import { findConversation } from '../conversation/conversation.repository.js';
import { notFound } from '../errors.js';
import { inboxHours } from '../hours/inbox-hours.js';
import { appendMessage, presentMessage } from '../message/message.repository.js';
import type { Visitor } from '../visitor/visitor.js';
import type { Bot, BotService } from '../webhook/bot.service.js';
import '../webhook/webhook.table.js';
import './virtual-agent.table.js';
import { composeReply } from './compose-reply.js';
import { AGENT_FIND_LIMIT, decideAnswer } from './decide.js';

type Reason = EventOf<'conversation.handed_over'>['reason'];

export const HANDOVER_LINE = 'Connecting you with a person';
export const OFFLINE_LINE = 'We are away right now. Your message is kept: the team will answer when back, by email if we have your address.';

interface Handling {
  bot: Bot;
  maxTurns: number;
  threshold: number;
}

export class VirtualAgent {
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly ctx: Context,
    private readonly bots: BotService,
  ) {}

  start(): void {
    this.ctx.events.on('message.created', (e) => {
      const m = e.message;
      if (m.author.kind !== 'visitor' || m.kind !== 'text' || !m.body.trim()) return;
      this.enqueue(m.conversationId, () => this.answer(e.workspaceId, e.visitorId, m.conversationId, m.body));
    });
    this.ctx.events.on('mood.soured', (e) => {
      this.enqueue(e.conversationId, async () => {
        const h = await this.handling(e.workspaceId, e.conversationId);
        if (h) await this.handOver(h.bot, e.conversationId, 'mood');
      });
    });
  }

  /** Resolves once the work queued so far is done (tests). */
  async settled(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  /**
   * "Talk to a person": only for the visitor's own conversation, while a bot handles it (the virtual agent, or a
   * webhook bot: the widget offers the button under any bot's answer).
   */
  async visitorAsks(visitor: Visitor, conversationId: string): Promise<{ handedOver: boolean }> {
    const row = await findConversation(this.ctx.db, visitor.workspaceId, conversationId);
    if (!row || row.visitor_id !== visitor.id) throw notFound('Conversation');
    let handedOver = false;
    await this.enqueue(conversationId, async () => {
      const bot = await this.anyBot(visitor.workspaceId, conversationId);
      if (bot) handedOver = await this.handOver(bot, conversationId, 'visitor_asked');
    });
    return { handedOver };
  }

  /** The virtual agent handling the conversation now, if one does. */
  async handling(workspaceId: string, conversationId: string): Promise<Handling | null> {
    const row = await this.ctx.db
      .selectFrom('bot_conversations as bc')
      .innerJoin('bots', 'bots.id', 'bc.bot_id')
      .innerJoin('virtual_agents as va', 'va.bot_id', 'bots.id')
      .select(['bots.id', 'bots.workspace_id', 'bots.inbox_id', 'bots.name', 'va.max_turns', 'va.threshold', 'va.enabled'])
      .where('bc.conversation_id', '=', conversationId)
      .where('bc.workspace_id', '=', workspaceId)
      .where('bc.handed_over_at', 'is', null)
      .executeTakeFirst();
    if (!row || Number(row.enabled) !== 1) return null;
    return {
      bot: { id: row.id, workspaceId: row.workspace_id, inboxId: row.inbox_id, name: row.name },
      maxTurns: Number(row.max_turns),
      threshold: Number(row.threshold),
    };
  }

  private async anyBot(workspaceId: string, conversationId: string): Promise<Bot | null> {
    const row = await this.ctx.db
      .selectFrom('bot_conversations as bc')
      .innerJoin('bots', 'bots.id', 'bc.bot_id')
      .select(['bots.id', 'bots.workspace_id', 'bots.inbox_id', 'bots.name'])
      .where('bc.conversation_id', '=', conversationId)
      .where('bc.workspace_id', '=', workspaceId)
      .where('bc.handed_over_at', 'is', null)
      .executeTakeFirst();
    return row ? { id: row.id, workspaceId: row.workspace_id, inboxId: row.inbox_id, name: row.name } : null;
  }

  private enqueue(conversationId: string, work: () => Promise<void>): Promise<void> {
    const before = this.chains.get(conversationId) ?? Promise.resolve();
    const next = before
      .then(work)
      .catch((err) => this.ctx.log.error({ err, conversationId }, 'virtual agent failed'))
      .finally(() => {
        if (this.chains.get(conversationId) === next) this.chains.delete(conversationId);
      });
    this.chains.set(conversationId, next);
    return next;
  }

  private async answer(workspaceId: string, visitorId: string, conversationId: string, question: string): Promise<void> {
    const h = await this.handling(workspaceId, conversationId);
    if (!h) return;
    if ((await this.turns(conversationId)) >= h.maxTurns) {
      await this.handOver(h.bot, conversationId, 'turns');
      return;
    }
    const visitor = await this.ctx.db.selectFrom('visitors').select('locale').where('id', '=', visitorId).executeTakeFirst();
    const locale = visitor?.locale ?? undefined;
    const found = await this.ctx.articles.find(workspaceId, question, { locale, limit: AGENT_FIND_LIMIT });
    const decision = decideAnswer(found, h.threshold);
    if (!decision.answer) {
      await this.handOver(h.bot, conversationId, 'no_answer');
      return;
    }
    const body = await composeReply(this.ctx, { workspaceId, question, locale, best: decision.answer, found });
    await this.bots.reply(h.bot, conversationId, { body });
  }

  private async turns(conversationId: string): Promise<number> {
    const r = await this.ctx.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('conversation_id', '=', conversationId)
      .where('author_kind', '=', 'bot')
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  /** The visitor reads a short line, then people have it (or, outside hours, it waits as an offline message). */
  private async handOver(bot: Bot, conversationId: string, reason: Reason): Promise<boolean> {
    const hours = await inboxHours(this.ctx.db, { id: bot.inboxId, workspaceId: bot.workspaceId }, this.ctx.now());
    const offline = hours?.closed === true;
    await this.systemLine(bot.workspaceId, conversationId, offline ? OFFLINE_LINE : HANDOVER_LINE);
    if (offline) await this.ctx.db.updateTable('conversations').set({ awaiting_email_reply: 1 }).where('id', '=', conversationId).execute();
    await this.bots.handOver(bot, conversationId, offline ? 'offline' : reason);
    return true;
  }

  private async systemLine(workspaceId: string, conversationId: string, body: string): Promise<void> {
    const stored = await appendMessage(this.ctx.db, this.ctx.dbKind, workspaceId, conversationId, {
      clientId: null,
      author: { kind: 'system', id: null, name: null },
      kind: 'event',
      body,
      attachments: [],
      event: null,
      createdAt: this.ctx.now(),
    });
    if (!stored) return;
    const conversation = await summarize(this.ctx, stored.conversation);
    this.ctx.events.emit({
      type: 'message.created',
      workspaceId,
      visitorId: stored.conversation.visitor_id,
      message: presentMessage(stored.row),
      conversation,
    });
  }
}
