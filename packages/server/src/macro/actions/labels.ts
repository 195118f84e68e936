/** add_labels and remove_labels: through the labels command, with its one system line. */
import { z } from 'zod';
import { idParam } from '../../http/schemas.js';
import { setConversationLabels } from '../../label/set-conversation-labels.js';
import { registerMacroAction } from './registry.js';

const input = z.object({ labelIds: z.array(idParam.shape.id).min(1, 'Choose at least one label').max(50) });

registerMacroAction('add_labels', {
  input,
  async run(ctx, actor, conversationId, { labelIds }) {
    const r = await setConversationLabels(ctx, { actor, conversationId, add: labelIds, remove: [] });
    return r.message?.body ?? 'Labels already there';
  },
});

registerMacroAction('remove_labels', {
  input,
  async run(ctx, actor, conversationId, { labelIds }) {
    const r = await setConversationLabels(ctx, { actor, conversationId, add: [], remove: labelIds });
    return r.message?.body ?? 'Labels already gone';
  },
});
