/**
 * The leaveOfflineMessage command: nobody was available, so the visitor left
 * a message and the address to answer by email (the offline form: Name,
 * optional; Email and Message, required). It becomes a conversation like any
 * other, marked as waiting for an email reply, with the name and email on
 * the visitor's own contact. Sending the reply by email comes with the email
 * channel; until then the visitor reads it in the chat when they come back.
 * Accepted also when an operator came back meanwhile, or the inbox turned the
 * form off since the widget drew it: a message is never lost for that.
 */
import type { Language } from '@switchboard/widget/i18n';
import type { Context } from '../context.js';
import { findContact } from '../contact/contact.repository.js';
import { assertMayWrite } from '../identity/requirement.js';
import type { Inbox } from '../inbox/inbox.js';
import type { Visitor } from '../visitor/visitor.js';
import { offlineFormOf } from './form-look.js';
import type { OfflineMessageInput } from './form.schemas.js';
import { checkValues, refusal } from './form-values.js';
import { type FormStarted, startFromForm } from './start-from-form.js';

export interface LeaveOfflineMessageProps {
  visitor: Visitor;
  inbox: Inbox;
  input: OfflineMessageInput;
}

export async function leaveOfflineMessage(ctx: Context, p: LeaveOfflineMessageProps): Promise<FormStarted & { replyTo: string }> {
  const { visitor, input } = p;
  await assertMayWrite(ctx, visitor);
  const lang = (input.language ?? 'en') as Language;
  const form = offlineFormOf({ ...p.inbox, settings: { ...p.inbox.settings, offlineForm: true } }, lang);
  // A visitor the website vouched for gave their name and email through it: asked only when the site gave no email.
  const verified = visitor.verifiedContactId ? await findContact(ctx.db, visitor.workspaceId, visitor.verifiedContactId) : undefined;
  const skip = new Set<string>(verified ? (verified.email ? ['name', 'email'] : ['name']) : []);
  const values = checkValues(form?.fields ?? [], input, skip);
  const email = (values.get('email') as string | undefined) ?? verified?.email;
  if (!email) throw refusal([{ in: 'body', path: 'email', code: 'required', message: 'Fill in this field' }]);
  const started = await startFromForm(ctx, {
    visitor,
    clientId: input.clientId,
    message: values.get('message') as string,
    details: { name: values.get('name') as string | undefined, email: values.get('email') as string | undefined },
    awaitingEmailReply: true,
  });
  return { ...started, replyTo: started.contact?.email ?? email };
}
