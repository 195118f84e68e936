/**
 * What a message does to a conversation's SLA timers, read from the
 * conversation as it is now (so two nodes writing to one conversation, or a
 * late event, agree):
 * - a visitor message starts the first response and the resolution targets
 *   (none yet), a next response (answered before, not waiting already), or
 *   the resolution again (reopened after it was resolved);
 * - an operator reply meets the first and the next response;
 * - resolving meets the resolution and stops the others without an outcome.
 * Runs after the message's commit, off the send and ack path.
 */
import type { MessageDto } from '@switchboard/protocol';
import type { Context } from '../context.js';
import type { ConversationRow } from '../conversation/conversation.repository.js';
import type { Db } from '../db/database.js';
import type { SlaPolicy, SlaTarget } from './sla.js';
import { effectivePolicy } from './sla.repository.js';
import { listTimers, lockConversation, refreshConversation, startTimer, stopTimer, type TimerRow, workingSchedule } from './timers.js';

const running = (t: TimerRow | undefined): t is TimerRow => t !== undefined && t.stopped_at === null;
const stopped = (t: TimerRow | undefined): boolean => !running(t);

/** Applies one message to the conversation's timers; returns the conversation when its SLA columns changed. */
export async function syncOnMessage(ctx: Context, conversationId: string, message: MessageDto): Promise<ConversationRow | null> {
  return ctx.db.transaction().execute(async (trx) => {
    const c = await lockConversation(ctx, trx, conversationId);
    if (!c) return null;
    const timers = new Map((await listTimers(trx, c.id)).map((t) => [t.target as SlaTarget, t]));
    const at = message.createdAt;
    if (c.status === 'resolved') {
      for (const t of timers.values()) if (running(t)) await stopTimer(ctx, trx, t, Number(c.resolved_at ?? at), t.target === 'resolution');
      return refreshConversation(trx, c);
    }
    const first = timers.get('first_response');
    const next = timers.get('next_response');
    if (c.first_response_at !== null) {
      if (running(first)) await stopTimer(ctx, trx, first, Number(c.first_response_at));
      if (running(next) && c.last_author_kind === 'operator') await stopTimer(ctx, trx, next, Number(c.last_message_at ?? at));
    }
    if (message.author.kind === 'visitor' && !message.event && c.last_author_kind === 'visitor') {
      const policy = await effectivePolicy(trx, c);
      if (policy) await startOnVisitor(ctx, trx, c, policy, timers, at);
    }
    return refreshConversation(trx, c);
  });
}

async function startOnVisitor(ctx: Context, db: Db, c: ConversationRow, policy: SlaPolicy, timers: Map<SlaTarget, TimerRow>, at: number) {
  const schedule = await workingSchedule(db, c, policy);
  const start = (target: SlaTarget, cycle: number) => startTimer(ctx, db, c, { policy, target, cycle, startedAt: at, schedule });
  const first = timers.get('first_response');
  const next = timers.get('next_response');
  const resolution = timers.get('resolution');
  if (!first && c.first_response_at === null) await start('first_response', 1);
  else if (c.first_response_at !== null && stopped(next) && stopped(first)) await start('next_response', (next?.cycle ?? 0) + 1);
  if (!resolution) await start('resolution', 1);
  else if (stopped(resolution)) await start('resolution', resolution.cycle + 1);
}
