/** set_status: resolve, reopen or mark pending. */
import { z } from 'zod';
import { STATUSES } from '../../conversation/conversation.js';
import { setConversationStatus } from '../../conversation/set-conversation-status.js';
import { registerMacroAction } from './registry.js';

registerMacroAction('set_status', {
  input: z.object({ status: z.enum(STATUSES) }),
  async run(ctx, actor, conversationId, input) {
    const r = await setConversationStatus(ctx, { actor, conversationId, status: input.status });
    return r.message?.body ?? `Already ${input.status}`;
  },
});
