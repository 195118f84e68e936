/**
 * The inbox editor's forms: "Offline form" (on by default: while nobody is
 * online the widget asks for a message and an email address) and "Pre-chat
 * form" (off by default: its fields in order, then the visitor's first
 * message), with the forms' words in each language.
 */
import type { InboxSettings, LanguageTexts, WidgetLanguage } from '../api';
import { useAttributes } from '../contact/contact-live';
import { Check } from '../settings/InboxWidgetFields';
import { FieldError } from '../ui/Field';
import { FormTexts } from './FormTexts';
import { PreChatFields } from './PreChatFields';
import { useTeams } from './teams';

export type FormSettings = Pick<InboxSettings, 'offlineForm' | 'preChat'>;

export const formSettingsOf = (s: InboxSettings): FormSettings => ({
  offlineForm: s.offlineForm ?? true,
  preChat: s.preChat ?? { enabled: false, fields: [] },
});

/** Form fields for the refused paths of these settings: a pre-chat field's own row, or the whole section. */
export function formFieldOf(path: string): string | null {
  if (path === 'settings.offlineForm') return 'offlineForm';
  const row = /^settings\.preChat\.fields\.(\d+)/.exec(path)?.[1];
  if (row !== undefined) return `preChat.${row}`;
  if (path.startsWith('settings.preChat')) return 'preChat';
  if (/^settings\.translations\.\w+\.(offlineMessage|preChatIntro|labels)/.test(path)) return 'formTexts';
  return null;
}

export function InboxFormFields(props: {
  id: string;
  value: FormSettings;
  translations: Partial<Record<WidgetLanguage, LanguageTexts>>;
  errors: Record<string, string>;
  onChange: (next: FormSettings) => void;
  onTranslations: (next: Partial<Record<WidgetLanguage, LanguageTexts>>) => void;
}) {
  const { id, value, errors } = props;
  const attributes = useAttributes() ?? [];
  const teams = useTeams() ?? [];
  const preChat = value.preChat;
  return (
    <>
      <fieldset class="widget-fields">
        <legend>Offline form</legend>
        <Check
          id={`${id}-offline-form`}
          label="Offer the offline form while nobody is online"
          hint="While no operator is online, the widget says so and asks for a message and an email address; the conversation shows as “Waiting for an email reply”. Off: it says nobody is available and lets visitors write anyway."
          on={value.offlineForm}
          onChange={(offlineForm) => props.onChange({ ...value, offlineForm })}
        />
        <FieldError id={`${id}-offline-form`} error={errors.offlineForm} />
      </fieldset>
      <fieldset class="widget-fields">
        <legend>Pre-chat form</legend>
        <Check
          id={`${id}-pre-chat`}
          label="Ask visitors to fill in a form before they chat"
          hint="Shown before the first message of a new conversation (never in a conversation under way). What visitors type goes to their own contact, unverified; visitors your website vouches for are not asked their name and email."
          on={preChat.enabled}
          onChange={(enabled) => props.onChange({ ...value, preChat: { ...preChat, enabled } })}
        />
        <FieldError id={`${id}-pre-chat`} error={errors.preChat} />
        {preChat.enabled && (
          <PreChatFields
            id={id}
            fields={preChat.fields}
            attributes={attributes}
            teams={teams}
            errors={errors}
            onChange={(fields) => props.onChange({ ...value, preChat: { ...preChat, fields } })}
          />
        )}
      </fieldset>
      <FormTexts
        id={id}
        fields={preChat.enabled ? preChat.fields : []}
        attributes={attributes}
        teams={teams}
        translations={props.translations}
        error={errors.formTexts}
        onChange={props.onTranslations}
      />
    </>
  );
}
