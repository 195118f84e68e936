/**
 * The snoozeConversation command: out of the inbox until a time, or until the
 * visitor writes again. A visitor's message wakes it at once (the message
 * write path); the time is a durable job (`conversation.wake`).
 */
import type { Context } from '../context.js';
import { badRequest, conflict } from '../errors.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { visibleConversationRow } from './conversation.service.js';
import { type EventResult, recordEvent } from './record-event.js';
import { WAKE, type WakePayload, wakeKey } from './wake-conversation.js';

export interface SnoozeConversationProps {
  actor: Operator;
  conversationId: string;
  /** Epoch ms; null: until the visitor writes. */
  until: number | null;
}

/** "2 Dec 2026, 09:00 UTC": the stored line reads the same for everyone; consoles show `until` in their own zone. */
const utc = (t: number) => `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export async function snoozeConversation(ctx: Context, p: SnoozeConversationProps): Promise<EventResult> {
  authorize(p.actor, 'conversation.snooze');
  if (p.until !== null && p.until <= ctx.now()) throw badRequest('Choose a time in the future');
  const current = await visibleConversationRow(ctx, p.actor, p.conversationId);
  if (current.merged_into) throw conflict('This conversation was merged into another one');
  return recordEvent(ctx, {
    actor: p.actor,
    conversationId: p.conversationId,
    event: { type: 'status', status: 'snoozed', byName: p.actor.name, until: p.until },
    body: p.until === null ? `Snoozed until the visitor replies by ${p.actor.name}` : `Snoozed until ${utc(p.until)} by ${p.actor.name}`,
    patch: { status: 'snoozed', snoozed_until: p.until, resolved_at: null },
    // The wake-up exists exactly when the snooze does; snoozing again moves it (or, until a reply, drops it).
    also: async (trx) => {
      const key = wakeKey(p.conversationId);
      if (p.until === null) await ctx.jobs.cancel(key, trx);
      else {
        const payload: WakePayload = { conversationId: p.conversationId, until: p.until };
        await ctx.jobs.schedule({ kind: WAKE, key, runAt: p.until, payload, replace: true, workspaceId: p.actor.workspaceId }, trx);
      }
      return undefined;
    },
  });
}
