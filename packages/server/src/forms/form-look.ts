/**
 * The inbox's forms as a visitor's widget draws them, in the visitor's
 * language: the offline form (name, email, message) and the pre-chat form's
 * fields with their labels (the inbox's own for that language, else null:
 * the widget's own word; an attribute's label, a team choice's and the
 * consent's text otherwise), a list attribute's choices and the teams to
 * choose from. A field whose attribute or team no longer exists is left out.
 * The same fields are what the server checks a submitted form against.
 */
import type { FormField, FormLook } from '@switchboard/widget/forms';
import type { Language } from '@switchboard/widget/i18n';
import type { Context } from '../context.js';
import { listAttributeRows } from '../contact/contact-attribute.repository.js';
import { type AttributeDef, toDef } from '../contact/contact-attribute.js';
import type { Inbox } from '../inbox/inbox.js';
import { listTeams } from '../team/team.repository.js';
import { fieldKey } from './form-settings.js';

const own = (inbox: Inbox, lang: Language | undefined) => (lang ? inbox.settings.translations[lang] : undefined);

function label(inbox: Inbox, lang: Language | undefined, key: string, fallback: string | null = null): string | null {
  return own(inbox, lang)?.labels?.[key] ?? fallback;
}

/** The offline form: Name (optional), Email (required) and Message (required); null when the inbox turned it off. */
export function offlineFormOf(inbox: Inbox, lang: Language | undefined): FormLook | null {
  if (!inbox.settings.offlineForm) return null;
  const field = (key: 'name' | 'email' | 'message', required: boolean): FormField => ({ key, kind: key, label: label(inbox, lang, key), required });
  return {
    intro: own(inbox, lang)?.offlineMessage ?? null,
    fields: [field('name', false), field('email', true), field('message', true)],
  };
}

/** What the pre-chat form's fields need from storage: the workspace's attribute definitions and teams, read only when the form uses them. */
export interface FormData {
  defs: AttributeDef[];
  teams: Set<string>;
}

export async function formDataOf(ctx: Pick<Context, 'db'>, inbox: Inbox): Promise<FormData> {
  const fields = inbox.settings.preChat.enabled ? inbox.settings.preChat.fields : [];
  const [defs, teams] = await Promise.all([
    fields.some((f) => f.type === 'attribute') ? listAttributeRows(ctx.db, inbox.workspaceId).then((rows) => rows.map(toDef)) : [],
    fields.some((f) => f.type === 'team') ? listTeams(ctx.db, inbox.workspaceId) : [],
  ]);
  return { defs, teams: new Set(teams.map((t) => t.id)) };
}

/** The pre-chat form (its fields, then the first message); null when the inbox has none. */
export function preChatFormOf(inbox: Inbox, lang: Language | undefined, data: FormData): FormLook | null {
  const settings = inbox.settings.preChat;
  if (!settings.enabled) return null;
  const fields: FormField[] = [];
  for (const f of settings.fields) {
    const key = fieldKey(f);
    if (f.type === 'attribute') {
      const def = data.defs.find((d) => d.key === f.key);
      if (!def) continue;
      const options = def.type === 'list' ? def.options.map((o) => ({ value: o, label: o })) : undefined;
      fields.push({ key, kind: def.type, label: label(inbox, lang, key, def.label), required: f.required, ...(options ? { options } : {}) });
    } else if (f.type === 'team') {
      const options = f.choices
        .filter((c) => data.teams.has(c.teamId))
        .map((c) => ({ value: c.teamId, label: label(inbox, lang, `team.${c.teamId}`, c.label) as string }));
      if (options.length) fields.push({ key, kind: 'team', label: label(inbox, lang, key), required: f.required, options });
    } else if (f.type === 'consent') {
      fields.push({ key, kind: 'consent', label: label(inbox, lang, key, f.text), required: true });
    } else fields.push({ key, kind: f.type, label: label(inbox, lang, key), required: f.required });
  }
  fields.push({ key: 'message', kind: 'message', label: label(inbox, lang, 'message'), required: true });
  return { intro: own(inbox, lang)?.preChatIntro ?? null, fields };
}
