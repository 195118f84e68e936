/**
 * The virtual agent's settings per inbox (owners and admins). Turning it on
 * gives the inbox a bot with no webhook endpoint and no usable token (its
 * token hash is no SHA-256 of anything); turning it off hands the
 * conversations it was handling to people and removes that bot. An inbox has
 * one bot: an agent bot with a webhook and the virtual agent exclude each other.
 */
import type { Context } from '../context.js';
import { conflict, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { findInbox } from '../inbox/inbox.repository.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import type { BotService } from '../webhook/bot.service.js';
import '../webhook/webhook.table.js';
import './virtual-agent.table.js';
import { presentSettings, type VirtualAgentDto, type VirtualAgentSettings } from './virtual-agent.js';

async function row(ctx: Context, workspaceId: string, inboxId: string) {
  return ctx.db.selectFrom('virtual_agents').selectAll().where('workspace_id', '=', workspaceId).where('inbox_id', '=', inboxId).executeTakeFirst();
}

export async function getVirtualAgent(ctx: Context, actor: Operator, inboxId: string): Promise<VirtualAgentDto> {
  authorize(actor, 'inbox.manage');
  if (!(await findInbox(ctx.db, actor.workspaceId, inboxId))) throw notFound('Inbox');
  return presentSettings(inboxId, await row(ctx, actor.workspaceId, inboxId));
}

export async function setVirtualAgent(ctx: Context, bots: BotService, actor: Operator, inboxId: string, s: VirtualAgentSettings): Promise<VirtualAgentDto> {
  authorize(actor, 'inbox.manage');
  if (!(await findInbox(ctx.db, actor.workspaceId, inboxId))) throw notFound('Inbox');
  const current = await row(ctx, actor.workspaceId, inboxId);
  let botId = current?.bot_id ?? null;
  const now = ctx.now();
  if (!s.enabled && botId) {
    const bot = { id: botId, workspaceId: actor.workspaceId, inboxId, name: current?.name ?? s.name };
    const handling = await ctx.db
      .selectFrom('bot_conversations')
      .select('conversation_id')
      .where('bot_id', '=', botId)
      .where('handed_over_at', 'is', null)
      .execute();
    for (const c of handling) await bots.handOver(bot, c.conversation_id, 'bot');
    await ctx.db.deleteFrom('bots').where('id', '=', botId).execute();
    botId = null;
  }
  await ctx.db.transaction().execute(async (trx) => {
    if (s.enabled && !botId) {
      const other = await trx.selectFrom('bots').select('id').where('inbox_id', '=', inboxId).executeTakeFirst();
      if (other) throw conflict('This inbox has an agent bot already: remove it to answer with the virtual agent');
      botId = newId();
      await trx
        .insertInto('bots')
        .values({ id: botId, workspace_id: actor.workspaceId, inbox_id: inboxId, name: s.name, token_hash: `virtual-agent:${botId}`, created_at: now })
        .execute();
    } else if (s.enabled && botId) {
      await trx.updateTable('bots').set({ name: s.name }).where('id', '=', botId).execute();
    }
    const values = { enabled: s.enabled ? 1 : 0, name: s.name, max_turns: s.maxTurns, threshold: s.threshold, bot_id: botId, updated_at: now };
    if (current) await trx.updateTable('virtual_agents').set(values).where('inbox_id', '=', inboxId).execute();
    else
      await trx
        .insertInto('virtual_agents')
        .values({ inbox_id: inboxId, workspace_id: actor.workspaceId, ...values })
        .execute();
  });
  ctx.log.info({ inboxId, operatorId: actor.id, enabled: s.enabled }, 'virtual agent settings saved');
  return getVirtualAgent(ctx, actor, inboxId);
}
