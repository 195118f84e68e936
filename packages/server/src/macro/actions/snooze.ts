/** snooze: for a while from when the macro runs, or until the visitor replies (minutes: null). */
import { z } from 'zod';
import { snoozeConversation } from '../../conversation/snooze-conversation.js';
import { registerMacroAction } from './registry.js';

registerMacroAction('snooze', {
  input: z.object({
    minutes: z
      .number()
      .int()
      .min(1, 'Snooze for at least a minute')
      .max(366 * 24 * 60, 'Snooze for at most a year')
      .nullable(),
  }),
  async run(ctx, actor, conversationId, input) {
    const until = input.minutes === null ? null : ctx.now() + input.minutes * 60_000;
    const r = await snoozeConversation(ctx, { actor, conversationId, until });
    return r.message?.body ?? 'Snoozed';
  },
});
