/**
 * The submitPreChat command: the visitor filled in the inbox's pre-chat form
 * and wrote their first message. The values are checked against the form's
 * fields (as the widget checks them), stored on the visitor's own contact
 * (custom attributes by their types), the team they chose goes on the new
 * conversation (`team_id`, for routing once inboxes route to teams) and a
 * ticked consent is recorded with the text shown and the time. The form
 * includes the first message, so the conversation starts with everything
 * at once: operators never see a conversation before its details, and no
 * half-filled form waits anywhere for a message that may never come.
 */
import type { ContactAttributeValue } from '@switchboard/protocol';
import type { FormField } from '@switchboard/widget/forms';
import { chooseLanguage, type Language } from '@switchboard/widget/i18n';
import type { Context } from '../context.js';
import { checkValue } from '../contact/contact-attribute.js';
import { assertMayWrite } from '../identity/requirement.js';
import type { Inbox } from '../inbox/inbox.js';
import type { Visitor } from '../visitor/visitor.js';
import { formDataOf, preChatFormOf } from './form-look.js';
import type { PreChatInput } from './form.schemas.js';
import { checkValues, type FormProblem, refusal } from './form-values.js';
import { type FormStarted, startFromForm } from './start-from-form.js';

export interface SubmitPreChatProps {
  visitor: Visitor;
  inbox: Inbox;
  input: PreChatInput;
}

/** The message field alone: what an inbox without a pre-chat form (or one turned off since the widget drew it) checks. */
const MESSAGE_ONLY: FormField[] = [{ key: 'message', kind: 'message', label: null, required: true }];

const ATTRIBUTE_CODES = {
  text: 'too_long',
  number: 'invalid_number',
  date: 'invalid_date',
  list: 'invalid_choice',
  link: 'invalid_link',
  boolean: 'invalid',
} as const;

export async function submitPreChat(ctx: Context, p: SubmitPreChatProps): Promise<FormStarted> {
  const { visitor, inbox, input } = p;
  await assertMayWrite(ctx, visitor);
  const lang: Language = chooseLanguage(inbox.settings.language, input.language ? [input.language] : []);
  const data = await formDataOf(ctx, inbox);
  const fields = preChatFormOf(inbox, lang, data)?.fields ?? MESSAGE_ONLY;
  // The website gave a verified visitor's name and email: the form does not ask them.
  const values = checkValues(fields, input, new Set(visitor.verifiedContactId ? ['name', 'email'] : []));
  const attributes: Record<string, ContactAttributeValue> = {};
  const problems: FormProblem[] = [];
  for (const [key, value] of values) {
    if (!key.startsWith('attributes.')) continue;
    const def = data.defs.find((d) => `attributes.${d.key}` === key);
    const checked = def ? checkValue(def, value) : undefined;
    if (def && checked?.ok) attributes[def.key] = checked.value;
    else if (def) problems.push({ in: 'body', path: key, code: ATTRIBUTE_CODES[def.type], message: checked && !checked.ok ? checked.message : 'Not accepted' });
  }
  if (problems.length) throw refusal(problems);
  const consent = fields.find((f) => f.kind === 'consent');
  const text = (key: string) => values.get(key) as string | undefined;
  return startFromForm(ctx, {
    visitor,
    clientId: input.clientId,
    message: text('message') as string,
    details: { name: text('name'), email: text('email'), phone: text('phone'), attributes },
    teamId: text('team'),
    consent: consent && values.get('consent') === true ? { text: consent.label ?? '', language: lang } : undefined,
  });
}
