/** send_message: a reply in the operator's name, its variables filled from the conversation. */
import { LIMITS } from '@switchboard/protocol';
import { fillVariables, variableValues } from '@switchboard/text';
import { z } from 'zod';
import { findContact } from '../../contact/contact.repository.js';
import { visibleConversationRow } from '../../conversation/conversation.service.js';
import { AppError } from '../../errors.js';
import { findInbox, toInbox } from '../../inbox/inbox.repository.js';
import { sendOperatorMessage } from '../../message/message.service.js';
import { registerMacroAction } from './registry.js';

registerMacroAction('send_message', {
  input: z.object({
    body: z
      .string()
      .max(LIMITS.maxMessageChars, `Keep the message under ${LIMITS.maxMessageChars} characters`)
      .refine((v) => v.trim().length > 0, 'Write the message to send'),
  }),
  async run(ctx, actor, conversationId, input) {
    const conversation = await visibleConversationRow(ctx, actor, conversationId);
    const contact = conversation.contact_id ? await findContact(ctx.db, actor.workspaceId, conversation.contact_id) : undefined;
    const inbox = await findInbox(ctx.db, actor.workspaceId, conversation.inbox_id);
    const filled = fillVariables(
      input.body,
      variableValues({ contact: contact ?? null, operator: actor, teamName: inbox ? toInbox(inbox).settings.teamName : null }),
    );
    // Nothing raw reaches the visitor: a variable that cannot be filled fails the action before anything is sent.
    const unknown = filled.unknown.map((n) => `{{${n}}}`);
    if (unknown.length) throw new AppError('bad_request', `Unknown variable ${unknown.join(', ')}: nothing was sent`);
    if (filled.missing.length) {
      const first = filled.missing[0]!;
      throw new AppError(
        'bad_request',
        `No value for {{${filled.missing.join('}}, {{')}}} in this conversation (a fallback such as {{${first} | there}} fills it): nothing was sent`,
      );
    }
    await sendOperatorMessage(ctx, actor, { conversationId, clientId: null, body: filled.text });
    return 'Sent a message';
  },
});
