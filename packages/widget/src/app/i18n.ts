/**
 * The chat's words at run time. English is built in; another language is
 * fetched once (`/widget/locales/<code>.json`) before the chat is drawn, so
 * the first open carries one locale at most. Dates and times are formatted in
 * the visitor's own variant of that language (`@switchboard/text`).
 */
import { clock, shortTime } from '@switchboard/text';
import { type Catalog, en, type MessageKey } from '../i18n/en.js';
import { chooseLanguage, fill, formatLocale, isRtl, type Language } from '../i18n/languages.js';

let catalog: Catalog = en;
let current: Language = 'en';
let locale = 'en';

export const t = (key: MessageKey, vars?: Record<string, string | number>): string => fill(catalog[key] ?? en[key], vars);

export const language = (): Language => current;

/** The language for this visitor: the inbox's fixed one (from the frame page), else their browser's, else English. */
export const pickLanguage = (): Language => chooseLanguage(document.documentElement.dataset.language, navigator.languages ?? [navigator.language]);

/** Fetches a language's words; English needs nothing. A locale that fails to load leaves English. */
export async function loadLanguage(lang: Language): Promise<Language> {
  if (lang !== 'en') {
    try {
      const res = await fetch(`/widget/locales/${lang}.json`);
      if (!res.ok) return 'en';
      // Keys a stale cached file lacks read in English rather than as their names.
      catalog = { ...en, ...((await res.json()) as Partial<Catalog>) };
    } catch {
      return 'en';
    }
  }
  current = lang;
  locale = formatLocale(lang, navigator.languages ?? [navigator.language]);
  const root = document.documentElement;
  root.lang = lang;
  root.dir = isRtl(lang) ? 'rtl' : 'ltr';
  document.title = t('chatTitle');
  return lang;
}

/** The visitor's locale, for numbers and prices. */
export const numberLocale = (): string => locale;

/** "14:05" / "2:05 PM" / "١٤:٠٥", in the visitor's locale. */
export const time = (ms: number): string => clock(ms, locale);
/** For the conversation list: the time today, the weekday this week, the date before. */
export const listTime = (ms: number): string => shortTime(ms, Date.now(), locale);

/**
 * When the team is back, in the visitor's own time and words: "We’re back at
 * 9:00 AM." today, "…tomorrow at…", "…on Monday at…" this week, with the date
 * after; "We’re closed right now." when not within a year.
 */
export function backAt(ms: number | null | undefined, now = Date.now()): string {
  if (ms == null) return t('closedNow');
  const midnight = (x: number) => new Date(x).setHours(0, 0, 0, 0);
  const days = Math.round((midnight(ms) - midnight(now)) / 86_400_000);
  const at = time(ms);
  if (days <= 0) return t('backToday', { time: at });
  if (days === 1) return t('backTomorrow', { time: at });
  const day = new Intl.DateTimeFormat(locale, days < 7 ? { weekday: 'long' } : { weekday: 'long', month: 'long', day: 'numeric' }).format(ms);
  return t('backOn', { day, time: at });
}

/** "about 5 minutes" as "5 minutes" / "5 Minuten" / "٥ دقائق": whole minutes under an hour, hours under a day, else days. */
export function duration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  const [value, unit] = minutes < 60 ? [minutes, 'minute'] : minutes < 1440 ? [Math.round(minutes / 60), 'hour'] : [Math.round(minutes / 1440), 'day'];
  try {
    return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
  } catch {
    return `${value} ${unit}${value === 1 ? '' : 's'}`;
  }
}
