/**
 * The forms' words in one language at a time ("Form texts in"): the offline
 * form's text, the pre-chat form's introduction and each field's label (a
 * consent box's text, each team choice's label). Left empty, visitors read
 * the widget's own words in their language (shown as placeholders), or for
 * an attribute, a team choice and the consent the text set above.
 */
import type { ContactAttributeDto } from '@switchboard/protocol';
import { LANGUAGE_NAMES, LANGUAGES, type Language, translator } from '@switchboard/widget/i18n';
import { useState } from 'preact/hooks';
import type { LanguageTexts, PreChatField, WidgetLanguage } from '../api';
import type { Team } from '../canned/canned-api';
import { FieldError } from '../ui/Field';
import { fieldKeyOf, fieldName } from './PreChatFields';

type Translations = Partial<Record<WidgetLanguage, LanguageTexts>>;

const WORDS = { name: 'fieldName', email: 'fieldEmail', phone: 'fieldPhone', team: 'fieldTeam', message: 'message' } as const;

export function FormTexts(props: {
  id: string;
  fields: PreChatField[];
  attributes: ContactAttributeDto[];
  teams: Team[];
  translations: Translations;
  error: string | undefined;
  onChange: (t: Translations) => void;
}) {
  const { id, fields, attributes, teams } = props;
  const [lang, setLang] = useState<Language>('en');
  const t = translator(lang);
  const texts = props.translations[lang] ?? {};
  const labels = texts.labels ?? {};
  const set = (patch: LanguageTexts) => props.onChange({ ...props.translations, [lang]: { ...texts, ...patch } });
  const setLabel = (key: string, value: string) => set({ labels: { ...labels, [key]: value } });
  const name = LANGUAGE_NAMES[lang];

  // Each label the forms show: the pre-chat fields (a team's choices each), then the offline form's own.
  const rows: { key: string; label: string; placeholder: string }[] = [];
  for (const f of fields) {
    const key = fieldKeyOf(f);
    if (f.type === 'consent') rows.push({ key, label: `Consent text in ${name}`, placeholder: f.text });
    else if (f.type === 'attribute') rows.push({ key, label: `${fieldName(f, attributes)} label in ${name}`, placeholder: fieldName(f, attributes) });
    else rows.push({ key, label: `${fieldName(f, attributes)} label in ${name}`, placeholder: t(WORDS[f.type]) });
    if (f.type === 'team') {
      for (const c of f.choices) {
        const team = teams.find((x) => x.id === c.teamId)?.name ?? c.label;
        rows.push({ key: `team.${c.teamId}`, label: `${team} label in ${name}`, placeholder: c.label });
      }
    }
  }
  for (const key of ['name', 'email', 'message'] as const) {
    if (!rows.some((r) => r.key === key)) rows.push({ key, label: `${WORD_NAMES[key]} label in ${name}`, placeholder: t(WORDS[key]) });
  }
  const input = (key: string, label: string, value: string, placeholder: string, onInput: (v: string) => void, long = false) => (
    <div class="field grow" key={key}>
      <label for={`${id}-text-${key}`}>{label}</label>
      {long ? (
        <textarea
          id={`${id}-text-${key}`}
          lang={lang}
          dir={lang === 'ar' ? 'rtl' : 'ltr'}
          rows={2}
          maxLength={1000}
          placeholder={placeholder}
          value={value}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      ) : (
        <input
          id={`${id}-text-${key}`}
          lang={lang}
          dir={lang === 'ar' ? 'rtl' : 'ltr'}
          maxLength={500}
          placeholder={placeholder}
          value={value}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      )}
    </div>
  );

  return (
    <fieldset class="lang-texts" aria-describedby={`${id}-form-texts-hint`}>
      <legend>The forms’ words in each language</legend>
      <div class="field">
        <label for={`${id}-form-texts-in`}>Form texts in</label>
        <select id={`${id}-form-texts-in`} value={lang} onChange={(e) => setLang(e.currentTarget.value as Language)}>
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
      {input('offline', `Offline form text in ${name}`, texts.offlineMessage ?? '', t('awayIntro'), (v) => set({ offlineMessage: v }), true)}
      {input('intro', `Pre-chat introduction in ${name}`, texts.preChatIntro ?? '', t('preChatIntro'), (v) => set({ preChatIntro: v }), true)}
      <div class="form-row">{rows.map((r) => input(r.key, r.label, labels[r.key] ?? '', r.placeholder, (v) => setLabel(r.key, v), r.key === 'consent'))}</div>
      <FieldError id={`${id}-form-texts`} error={props.error} />
      <p class="muted small" id={`${id}-form-texts-hint`}>
        Visitors chatting in {name} read these; left empty, they read the text shown in grey.
      </p>
    </fieldset>
  );
}

const WORD_NAMES = { name: 'Name', email: 'Email', message: 'Message' } as const;
