/**
 * The widget's language and theming in the inbox editor: which language it
 * speaks, the greeting and team name per language (a language picker chooses
 * which ones are edited; form labels will join the same map), the operators'
 * pictures, the expected reply time, the notification sound and the rating
 * survey.
 */
import { LANGUAGE_NAMES, LANGUAGES } from '@switchboard/widget/languages';
import { useState } from 'preact/hooks';
import type { InboxSettings, LanguageTexts, ReplyTimeSetting, WidgetLanguage } from '../api';
import { Field, invalidProps } from '../ui/Field';

export type WidgetSettings = Pick<InboxSettings, 'language' | 'translations' | 'showAvatars' | 'replyTime' | 'sound' | 'askRating'>;

export const widgetSettingsOf = (s: InboxSettings): WidgetSettings => ({
  language: s.language ?? 'auto',
  translations: s.translations ?? {},
  showAvatars: s.showAvatars ?? true,
  replyTime: s.replyTime ?? 'off',
  sound: s.sound ?? true,
  askRating: s.askRating ?? true,
});

/** Form fields for the refused paths of these settings. */
export function widgetFieldOf(path: string): string | null {
  if (path === 'settings.language') return 'language';
  if (path === 'settings.replyTime') return 'replyTime';
  if (path.startsWith('settings.translations')) return 'translations';
  return null;
}

const REPLY_TIMES: [ReplyTimeSetting, string][] = [
  ['off', 'Not shown'],
  ['minutes', 'A few minutes'],
  ['hour', 'Within an hour'],
  ['day', 'Within a day'],
  ['auto', 'Automatic: measured from the last 14 days'],
];

export function Check(props: { id: string; label: string; hint: string; on: boolean; onChange: (on: boolean) => void }) {
  return (
    <div class="field field-check">
      <label for={props.id}>
        <input
          id={props.id}
          type="checkbox"
          checked={props.on}
          aria-describedby={`${props.id}-hint`}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
        />
        {props.label}
      </label>
      <p class="muted small" id={`${props.id}-hint`}>
        {props.hint}
      </p>
    </div>
  );
}

export function InboxWidgetFields(props: {
  id: string;
  value: WidgetSettings;
  defaults: { greeting: string; teamName: string };
  errors: Record<string, string>;
  onChange: (next: WidgetSettings) => void;
}) {
  const { id, value, errors } = props;
  const [textsIn, setTextsIn] = useState<WidgetLanguage>(value.language === 'auto' ? 'es' : value.language);
  const set = (patch: Partial<WidgetSettings>) => props.onChange({ ...value, ...patch });
  const texts = value.translations[textsIn] ?? {};
  const setText = (key: keyof LanguageTexts, text: string) => set({ translations: { ...value.translations, [textsIn]: { ...texts, [key]: text } } });
  const name = LANGUAGE_NAMES[textsIn];

  return (
    <fieldset class="widget-fields">
      <legend>Widget</legend>
      <div class="form-row">
        <Field id={`${id}-language`} label="Language" error={errors.language}>
          <select
            {...invalidProps(`${id}-language`, errors.language, `${id}-language-hint`)}
            value={value.language}
            onChange={(e) => set({ language: e.currentTarget.value as WidgetSettings['language'] })}
          >
            <option value="auto">The visitor’s browser language</option>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
          <span class="muted small" id={`${id}-language-hint`}>
            The widget speaks English, Español, Deutsch, Français and <bdi>العربية</bdi>; other browsers get English.
          </span>
        </Field>
        <Field id={`${id}-reply-time`} label="Expected reply time" error={errors.replyTime}>
          <select
            {...invalidProps(`${id}-reply-time`, errors.replyTime, `${id}-reply-time-hint`)}
            value={value.replyTime}
            onChange={(e) => set({ replyTime: e.currentTarget.value as ReplyTimeSetting })}
          >
            {REPLY_TIMES.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
          <span class="muted small" id={`${id}-reply-time-hint`}>
            Shown under the team name. Automatic: the median time to the first answer; nothing until there are five answers.
          </span>
        </Field>
      </div>
      <fieldset class="lang-texts">
        <legend>Greeting and team name in other languages</legend>
        <div class="form-row">
          <Field id={`${id}-texts-in`} label="Texts in" error={undefined}>
            <select id={`${id}-texts-in`} value={textsIn} onChange={(e) => setTextsIn(e.currentTarget.value as WidgetLanguage)}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {LANGUAGE_NAMES[l]}
                  {value.translations[l]?.greeting || value.translations[l]?.teamName ? ' ✓' : ''}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${id}-greeting-${textsIn}`} label={`Greeting in ${name}`} error={errors.translations} class="grow">
            <input
              {...invalidProps(`${id}-greeting-${textsIn}`, errors.translations, `${id}-texts-hint`)}
              lang={textsIn}
              dir={textsIn === 'ar' ? 'rtl' : 'ltr'}
              maxLength={500}
              placeholder={props.defaults.greeting}
              value={texts.greeting ?? ''}
              onInput={(e) => setText('greeting', e.currentTarget.value)}
            />
          </Field>
          <Field id={`${id}-team-${textsIn}`} label={`Team name in ${name}`} error={undefined}>
            <input
              id={`${id}-team-${textsIn}`}
              aria-describedby={`${id}-texts-hint`}
              lang={textsIn}
              dir={textsIn === 'ar' ? 'rtl' : 'ltr'}
              maxLength={100}
              placeholder={props.defaults.teamName}
              value={texts.teamName ?? ''}
              onInput={(e) => setText('teamName', e.currentTarget.value)}
            />
          </Field>
        </div>
        <p class="muted small" id={`${id}-texts-hint`}>
          Visitors chatting in {name} see these; left empty, they see the greeting and team name above.
        </p>
      </fieldset>
      <Check
        id={`${id}-avatars`}
        label="Show operators’ pictures"
        hint="Up to three operators who are online (or answered last) in the header, and each operator’s picture or initials beside their messages."
        on={value.showAvatars}
        onChange={(showAvatars) => set({ showAvatars })}
      />
      <Check
        id={`${id}-sound`}
        label="Notification sound"
        hint="A short sound when an operator writes while the chat is closed or the page is in the background. Visitors can mute it."
        on={value.sound}
        onChange={(sound) => set({ sound })}
      />
      <Check
        id={`${id}-ask-rating`}
        label="Ask for a rating when a conversation is resolved"
        hint="The widget asks “How was this conversation?” (1 to 5, with a comment) when an operator resolves it. After the visitor ends a chat it always asks."
        on={value.askRating}
        onChange={(askRating) => set({ askRating })}
      />
    </fieldset>
  );
}
