/**
 * The inbox's pre-chat form, shown before the first message of a new
 * conversation: its fields in order (name, email, phone, a team, the
 * workspace's contact attributes by type, a consent box with the inbox's
 * text), then the first message, "Start chat". The conversation starts with
 * all of it at once. A visitor the website vouched for is not asked their
 * name and email (the site gave them).
 */
import { newClientId } from '@switchboard/protocol/client';
import type { FormLook } from '../forms/rules.js';
import { buildForm } from './form-view.js';
import { language, t } from './i18n.js';

export function buildPreChatForm(
  form: FormLook,
  o: { verified: boolean; typed: Record<string, unknown>; send(body: Record<string, unknown>): Promise<void> },
): HTMLElement {
  const clientId = newClientId();
  return buildForm({
    id: 'pre-chat',
    title: t('preChatTitle'),
    intro: form.intro ?? t('preChatIntro'),
    fields: form.fields.filter((f) => !(o.verified && (f.key === 'name' || f.key === 'email'))),
    submit: t('startChat'),
    typed: o.typed,
    send: (body) => o.send({ ...body, clientId, language: language() }),
  });
}
