/**
 * What sets rules off, in one place: domain events after their transaction
 * committed (never on the send-and-ack path: the bus does not wait for us),
 * and the durable jobs of the time events. Only what visitors and other
 * features do triggers rules: a rule's own system lines are not visitor
 * messages, so rules never set each other off in a loop.
 *
 * Time events: when a conversation starts, one job per "no first reply
 * within N" threshold; when the visitor writes and waits, one per "waited
 * longer than N" threshold (keys per conversation and threshold, so a wait
 * has one job whatever the visitor writes). An operator's answer cancels
 * them; a job that finds the conversation answered does nothing.
 */
import type { Context } from '../context.js';
import { findConversation } from '../conversation/conversation.repository.js';
import type { RulesEngine } from './engine.js';
import { waitingSince } from './rule.repository.js';

interface TimePayload {
  workspaceId: string;
  conversationId: string;
  type: 'waited' | 'no_first_reply';
  minutes: number;
}

const KIND = 'rules.time';
const MINUTE = 60_000;
export const timeKey = (p: Pick<TimePayload, 'type' | 'conversationId' | 'minutes'>) => `${KIND}:${p.type}:${p.conversationId}:${p.minutes}`;

export function subscribeRules(ctx: Context, engine: RulesEngine): void {
  const fail = (err: unknown) => ctx.log.error({ err }, 'rules failed');
  const fire = (...a: Parameters<RulesEngine['fire']>) => void engine.fire(...a).catch(fail);

  const schedule = async (workspaceId: string, conversationId: string, type: TimePayload['type'], from: number) => {
    const compiled = await engine.compiled(workspaceId);
    const list = type === 'waited' ? compiled.waitedMinutes : compiled.firstReplyMinutes;
    for (const minutes of list) {
      const payload: TimePayload = { workspaceId, conversationId, type, minutes };
      await ctx.jobs.schedule({ kind: KIND, runAt: from + minutes * MINUTE, payload, key: timeKey(payload), workspaceId });
    }
  };
  const cancel = async (workspaceId: string, conversationId: string) => {
    const compiled = await engine.compiled(workspaceId);
    for (const minutes of compiled.waitedMinutes) await ctx.jobs.cancel(timeKey({ type: 'waited', conversationId, minutes }));
    for (const minutes of compiled.firstReplyMinutes) await ctx.jobs.cancel(timeKey({ type: 'no_first_reply', conversationId, minutes }));
  };

  ctx.events.on('conversation.created', (e) => {
    fire(e.workspaceId, e.conversation.id, { type: 'conversation_created' });
    schedule(e.workspaceId, e.conversation.id, 'no_first_reply', e.conversation.createdAt).catch(fail);
  });
  ctx.events.on('message.created', (e) => {
    const kind = e.message.author.kind;
    if (kind === 'visitor') {
      fire(e.workspaceId, e.conversation.id, { type: 'visitor_message' });
      schedule(e.workspaceId, e.conversation.id, 'waited', e.message.createdAt).catch(fail);
    } else if (kind === 'operator') cancel(e.workspaceId, e.conversation.id).catch(fail);
  });
  ctx.events.on('sla.warning', (e) => fire(e.workspaceId, e.conversationId, { type: 'sla_warning' }));
  ctx.events.on('sla.breached', (e) => fire(e.workspaceId, e.conversationId, { type: 'sla_breached' }));
  ctx.events.on('mood.soured', (e) => fire(e.workspaceId, e.conversationId, { type: 'mood_soured' }));

  ctx.jobs.handle<TimePayload>(KIND, async (_ctx, p) => {
    const row = await findConversation(ctx.db, p.workspaceId, p.conversationId);
    if (row?.status !== 'open' || row.merged_into) return;
    if (p.type === 'no_first_reply') {
      if (row.first_response_at !== null) return;
      await engine.fire(p.workspaceId, p.conversationId, { type: 'no_first_reply', minutes: p.minutes }, 0);
      return;
    }
    const since = await waitingSince(ctx.db, p.conversationId);
    if (since === null) return;
    const due = since + p.minutes * MINUTE;
    // Answered, then the visitor wrote again: this wait is younger, its time comes later.
    if (due > ctx.now()) {
      await ctx.jobs.schedule({ kind: KIND, runAt: due, payload: p, key: timeKey(p), replace: true, workspaceId: p.workspaceId });
      return;
    }
    await engine.fire(p.workspaceId, p.conversationId, { type: 'waited', minutes: p.minutes }, since);
  });
}
