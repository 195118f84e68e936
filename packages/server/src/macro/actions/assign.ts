/** assign: to an operator, or back to Unassigned with null (assigning others needs an admin, as anywhere). */
import { z } from 'zod';
import { assignConversation } from '../../conversation/assign-conversation.js';
import { idParam } from '../../http/schemas.js';
import { registerMacroAction } from './registry.js';

registerMacroAction('assign', {
  input: z.object({ operatorId: idParam.shape.id.nullable() }),
  async run(ctx, actor, conversationId, input) {
    const r = await assignConversation(ctx, { actor, conversationId, operatorId: input.operatorId });
    return r.message?.body ?? (input.operatorId ? 'Already assigned' : 'Already unassigned');
  },
});
