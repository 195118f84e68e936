/**
 * The offline form, shown for a new conversation while no operator is
 * available (and the inbox has it on): "We’re away right now. Leave a message
 * and we’ll reply by email." (or the inbox's own words), Name (optional),
 * Email and Message, "Send message". A visitor the website vouched for is not
 * asked their name, nor their email when the site gave it. Sent with one
 * client id, so sending it again (a retry) starts one conversation. Outside
 * the team's business hours it also says when the team is back.
 */
import { newClientId } from '@switchboard/protocol/client';
import type { FormLook } from '../forms/rules.js';
import { buildForm } from './form-view.js';
import { language, t } from './i18n.js';

export function buildOfflineForm(
  form: FormLook,
  o: {
    verified: boolean;
    email: string | null;
    typed: Record<string, unknown>;
    /** Outside the team's hours: "We’re back at 9:00 AM." */
    back: string | null;
    send(body: Record<string, unknown>): Promise<void>;
  },
): HTMLElement {
  const clientId = newClientId();
  return buildForm({
    id: 'offline',
    title: t('leaveMessage'),
    intro: [form.intro ?? t('awayIntro'), o.back].filter(Boolean).join(' '),
    fields: form.fields.filter((f) => !(o.verified && (f.key === 'name' || (f.key === 'email' && o.email)))),
    submit: t('sendMessage'),
    typed: o.typed,
    send: (body) => o.send({ ...body, clientId, language: language() }),
  });
}
