/** add_note: a private note in the operator's name (its @mentions notify, as any note's). */
import { LIMITS } from '@switchboard/protocol';
import { z } from 'zod';
import { addNote } from '../../note/add-note.js';
import { registerMacroAction } from './registry.js';

registerMacroAction('add_note', {
  input: z.object({
    body: z
      .string()
      .max(LIMITS.maxMessageChars, `Keep the note under ${LIMITS.maxMessageChars} characters`)
      .refine((v) => v.trim().length > 0, 'Write the note'),
  }),
  async run(ctx, actor, conversationId, input) {
    await addNote(ctx, { actor, conversationId, body: input.body.trim() });
    return 'Added a private note';
  },
});
