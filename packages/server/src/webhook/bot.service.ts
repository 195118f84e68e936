/**
 * Agent bots (I2): one per inbox, registered by an owner or admin with a
 * name and a webhook URL. The bot gets its own token (`sbb_...`, shown once,
 * stored as a hash) and its own endpoint, signed like any other, which
 * receives `conversation.created` and the visitor's `message.created` of the
 * conversations it handles.
 *
 * Routing and bots, the simplest correct way: a conversation started in an
 * inbox with a bot is the bot's (a bot_conversations row) and joins no
 * queue (`queued_at` stays null, so routing never hands it out). Handing
 * over ends the bot's part and puts the conversation in its team's queue as
 * a new one would be, then routing drains that queue. An operator may still
 * take it by hand; assigning it (or moving it to a team) by hand is a
 * handover too, since it then is in people's hands.
 */
import type { ConversationSummary, MessageDto, RichRequest } from '@switchboard/protocol';
import type { Context } from '../context.js';
import type { EventOf } from '../events/events.js';
import { summarize } from '../conversation/conversation.service.js';
import { findConversation } from '../conversation/conversation.repository.js';
import { conflict, notFound, unauthorized } from '../errors.js';
import { hashToken, newId } from '../ids.js';
import { findInbox } from '../inbox/inbox.repository.js';
import { sendMessage } from '../message/message.service.js';
import { resolveRich } from '../rich/rich.service.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import type { Router } from '../routing/router.js';
import { randomBytes } from 'node:crypto';
import type { WebhookTargets } from './subscribe.js';
import { deleteEndpointRows } from './webhook.service.js';
import { type BotDto, type DeliveryDto, newWebhookSecret } from './webhook.js';
import { deliveryLog } from './webhook.repository.js';
import type { BotsTable } from './webhook.table.js';

export const BOT_EVENTS = ['conversation.created', 'message.created'];
const newBotToken = () => `sbb_${randomBytes(32).toString('base64url')}`;

export interface Bot {
  id: string;
  workspaceId: string;
  inboxId: string;
  name: string;
}

export class BotService {
  constructor(
    private readonly ctx: Context,
    private readonly targets: WebhookTargets,
    private readonly router: Router,
  ) {}

  async list(actor: Operator): Promise<BotDto[]> {
    authorize(actor, 'webhook.manage');
    const rows = await this.ctx.db
      .selectFrom('bots')
      .innerJoin('webhook_endpoints as e', 'e.bot_id', 'bots.id')
      .select(['bots.id', 'bots.inbox_id', 'bots.name', 'bots.created_at', 'e.url'])
      .where('bots.workspace_id', '=', actor.workspaceId)
      .orderBy('bots.created_at')
      .execute();
    return rows.map((r) => ({ id: r.id, inboxId: r.inbox_id, name: r.name, webhookUrl: r.url, createdAt: Number(r.created_at) }));
  }

  /** The token and the signing secret are in this answer only. */
  async create(actor: Operator, input: { inboxId: string; name: string; webhookUrl: string }): Promise<{ bot: BotDto; token: string; secret: string }> {
    authorize(actor, 'webhook.manage');
    if (!(await findInbox(this.ctx.db, actor.workspaceId, input.inboxId))) throw notFound('Inbox');
    const taken = await this.ctx.db.selectFrom('bots').select('id').where('inbox_id', '=', input.inboxId).executeTakeFirst();
    if (taken) throw conflict('This inbox has a bot already');
    const now = this.ctx.now();
    const token = newBotToken();
    const secret = newWebhookSecret();
    const bot: BotsTable = {
      id: newId(),
      workspace_id: actor.workspaceId,
      inbox_id: input.inboxId,
      name: input.name,
      token_hash: hashToken(token),
      created_at: now,
    };
    await this.ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('bots').values(bot).execute();
      await trx
        .insertInto('webhook_endpoints')
        .values({
          id: newId(),
          workspace_id: actor.workspaceId,
          bot_id: bot.id,
          url: input.webhookUrl,
          description: `Bot ${input.name}`,
          event_types: JSON.stringify(BOT_EVENTS),
          enabled: 1,
          secret,
          created_at: now,
          updated_at: now,
        })
        .execute();
    });
    this.targets.changed(actor.workspaceId);
    this.ctx.log.info({ botId: bot.id, inboxId: input.inboxId, operatorId: actor.id }, 'bot registered');
    return { bot: { id: bot.id, inboxId: bot.inbox_id, name: bot.name, webhookUrl: input.webhookUrl, createdAt: now }, token, secret };
  }

  /** The bot goes; the conversations it was handling are handed over to people. */
  async remove(actor: Operator, id: string): Promise<void> {
    authorize(actor, 'webhook.manage');
    const bot = await this.ctx.db.selectFrom('bots').selectAll().where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
    if (!bot) throw notFound('Bot');
    const handling = await this.ctx.db
      .selectFrom('bot_conversations')
      .select('conversation_id')
      .where('bot_id', '=', id)
      .where('handed_over_at', 'is', null)
      .execute();
    for (const c of handling) await this.handOver(toBot(bot), c.conversation_id);
    const endpoint = await this.ctx.db.selectFrom('webhook_endpoints').select('id').where('bot_id', '=', id).executeTakeFirst();
    if (endpoint) await deleteEndpointRows(this.ctx, endpoint.id);
    await this.ctx.db.deleteFrom('bots').where('id', '=', id).execute();
    this.targets.changed(actor.workspaceId);
  }

  /** What was sent to the bot's URL: the delivery log of its endpoint. */
  async deliveries(actor: Operator, id: string, limit: number): Promise<DeliveryDto[]> {
    authorize(actor, 'webhook.manage');
    const endpoint = await this.ctx.db
      .selectFrom('webhook_endpoints')
      .select('id')
      .where('workspace_id', '=', actor.workspaceId)
      .where('bot_id', '=', id)
      .executeTakeFirst();
    if (!endpoint) throw notFound('Bot');
    return deliveryLog(this.ctx.db, endpoint.id, limit);
  }

  /** The bot behind a bearer token, or `unauthorized`. */
  async authenticate(token: string | undefined): Promise<Bot> {
    if (!token?.startsWith('sbb_')) throw unauthorized('A bot token (sbb_...) is required');
    const row = await this.ctx.db.selectFrom('bots').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
    if (!row) throw unauthorized('This bot token is not valid');
    return toBot(row);
  }

  /** A conversation of the bot's inbox that it still handles; not found for any other. */
  private async handling(bot: Bot, conversationId: string) {
    const row = await findConversation(this.ctx.db, bot.workspaceId, conversationId);
    if (!row || row.inbox_id !== bot.inboxId) throw notFound('Conversation');
    const mine = await this.ctx.db
      .selectFrom('bot_conversations')
      .selectAll()
      .where('conversation_id', '=', row.id)
      .where('bot_id', '=', bot.id)
      .executeTakeFirst();
    if (!mine) throw notFound('Conversation');
    if (mine.handed_over_at !== null) throw conflict('This conversation was handed over to people');
    return row;
  }

  async reply(bot: Bot, conversationId: string, input: { body: string; clientId?: string | undefined; rich?: RichRequest | undefined }): Promise<MessageDto> {
    await this.handling(bot, conversationId);
    // A rich message: the products of the bot's own workspace, snapshotted; the body becomes its plain-text rendering.
    const rich = input.rich ? await resolveRich(this.ctx.db, bot.workspaceId, input.body, input.rich) : null;
    const r = await sendMessage(this.ctx, {
      workspaceId: bot.workspaceId,
      conversationId,
      author: { kind: 'bot', id: bot.id, name: bot.name },
      clientId: input.clientId ?? null,
      body: rich ? rich.body : input.body,
      rich: rich?.rich ?? null,
    });
    return r.message;
  }

  /** People take it from here: the conversation joins its team's queue as a new one would, and routing hands it out. */
  async handOver(bot: Bot, conversationId: string, reason: EventOf<'conversation.handed_over'>['reason'] = 'bot'): Promise<ConversationSummary> {
    const current = await this.handling(bot, conversationId);
    const now = this.ctx.now();
    const waiting = current.assignee_id === null && current.status === 'open' && current.team_id !== null;
    await this.ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('bot_conversations').set({ handed_over_at: now }).where('conversation_id', '=', current.id).execute();
      if (waiting)
        await trx
          .updateTable('conversations')
          .set({ queued_at: now, updated_at: Math.max(now, current.updated_at + 1) })
          .where('id', '=', current.id)
          .execute();
    });
    const row = (await findConversation(this.ctx.db, bot.workspaceId, current.id)) ?? current;
    const conversation = await summarize(this.ctx, row);
    this.ctx.events.emit({ type: 'conversation.updated', workspaceId: bot.workspaceId, visitorId: row.visitor_id, conversation });
    this.ctx.events.emit({ type: 'conversation.handed_over', workspaceId: bot.workspaceId, conversationId: row.id, botId: bot.id, reason });
    this.ctx.log.info({ botId: bot.id, conversationId: row.id, reason }, 'bot handed over');
    if (waiting && row.team_id) await this.router.drain(bot.workspaceId, row.team_id);
    return conversation;
  }
}

const toBot = (r: BotsTable): Bot => ({ id: r.id, workspaceId: r.workspace_id, inboxId: r.inbox_id, name: r.name });
