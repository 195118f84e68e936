/**
 * The scheduleMessage and cancelScheduledMessage commands. A scheduled
 * message and its durable job are written in one transaction, so one exists
 * exactly when the other does; cancelling drops both, until the job starts
 * sending (then it is too late, and the answer says so).
 */
import type { ScheduledMessageDto } from '@switchboard/protocol';
import { unresolvedVariables } from '@switchboard/text';
import type { Context } from '../context.js';
import { visibleConversationRow } from '../conversation/conversation.service.js';
import { badRequest, conflict, forbidden, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Operator } from '../operator/operator.js';
import { authorize, can } from '../policy/policy.js';
import { MAX_AHEAD_MS, MAX_WAITING, presentScheduled, type ScheduleMessageInput, SEND_SCHEDULED, sendKey } from './scheduled.js';
import { countWaiting, findScheduled, findScheduledByClientId, insertScheduled, listOpenScheduled, transition } from './scheduled.repository.js';
import type { ScheduledMessageRow } from './scheduled.table.js';

export interface SendScheduledPayload {
  scheduledId: string;
}

export async function scheduleMessage(
  ctx: Context,
  actor: Operator,
  conversationId: string,
  input: ScheduleMessageInput,
): Promise<{ scheduled: ScheduledMessageDto; duplicate: boolean }> {
  authorize(actor, 'message.schedule');
  const now = ctx.now();
  if (input.sendAt <= now) throw badRequest('Choose a time in the future');
  if (input.sendAt > now + MAX_AHEAD_MS) throw badRequest('Choose a time within a year');
  const left = unresolvedVariables(input.body);
  if (left.length) throw badRequest(`Fill in ${left.join(', ')} first: it would reach the visitor as written`);
  const conversation = await visibleConversationRow(ctx, actor, conversationId);
  if (conversation.merged_into) throw conflict('This conversation was merged into another one; schedule it there');
  const result = await ctx.db.transaction().execute(async (trx) => {
    if (input.clientId) {
      const existing = await findScheduledByClientId(trx, actor.workspaceId, conversationId, input.clientId);
      if (existing) return { row: existing, duplicate: true };
    }
    if ((await countWaiting(trx, conversationId)) >= MAX_WAITING) throw conflict(`A conversation holds at most ${MAX_WAITING} scheduled messages`);
    const row: ScheduledMessageRow = {
      id: newId(),
      workspace_id: actor.workspaceId,
      conversation_id: conversationId,
      author_id: actor.id,
      author_name: actor.name,
      body: input.body,
      send_at: input.sendAt,
      status: 'scheduled',
      error: null,
      message_seq: null,
      client_id: input.clientId ?? null,
      created_at: now,
      updated_at: now,
    };
    await insertScheduled(trx, row);
    const payload: SendScheduledPayload = { scheduledId: row.id };
    await ctx.jobs.schedule({ kind: SEND_SCHEDULED, key: sendKey(row.id), runAt: input.sendAt, payload, workspaceId: actor.workspaceId }, trx);
    return { row, duplicate: false };
  });
  const scheduled = presentScheduled(result.row);
  if (!result.duplicate) ctx.events.emit({ type: 'scheduled.changed', workspaceId: actor.workspaceId, scheduled });
  return { scheduled, duplicate: result.duplicate };
}

/** Cancels a message still waiting (or dismisses one that failed). Its author may, and admins. */
export async function cancelScheduledMessage(ctx: Context, actor: Operator, conversationId: string, id: string): Promise<ScheduledMessageDto> {
  authorize(actor, 'message.schedule');
  await visibleConversationRow(ctx, actor, conversationId);
  const found = await findScheduled(ctx.db, actor.workspaceId, id);
  if (!found || found.conversation_id !== conversationId) throw notFound('Scheduled message');
  if (found.author_id !== actor.id && !can(actor.role, 'message.cancel_others_scheduled')) throw forbidden('Only its author or an admin can cancel it');
  const row = await ctx.db.transaction().execute(async (trx) => {
    const next = await transition(trx, id, ['scheduled', 'failed'], { status: 'cancelled', updated_at: ctx.now() });
    if (next) await ctx.jobs.cancel(sendKey(id), trx);
    return next;
  });
  if (!row) {
    const now = await findScheduled(ctx.db, actor.workspaceId, id);
    if (now?.status === 'cancelled') return presentScheduled(now);
    throw conflict(now?.status === 'sent' ? 'It was sent already' : 'It is being sent: too late to cancel');
  }
  const scheduled = presentScheduled(row);
  ctx.events.emit({ type: 'scheduled.changed', workspaceId: actor.workspaceId, scheduled });
  return scheduled;
}

export async function listScheduled(ctx: Context, actor: Operator, conversationId: string): Promise<ScheduledMessageDto[]> {
  authorize(actor, 'conversation.view');
  await visibleConversationRow(ctx, actor, conversationId);
  return (await listOpenScheduled(ctx.db, actor.workspaceId, conversationId, MAX_WAITING * 3)).map(presentScheduled);
}
