/**
 * The widget's languages and how one is chosen: the inbox's fixed language,
 * or (`auto`) the first of the visitor's browser languages the widget speaks,
 * else English. No dependency on the DOM: the server uses it too (the
 * launcher's labels, transcripts).
 */
export const LANGUAGES = ['en', 'es', 'de', 'fr', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];
/** The inbox setting: a fixed language, or the visitor's browser language. */
export type LanguageSetting = Language | 'auto';

/** Each language in its own words, for pickers. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Español', de: 'Deutsch', fr: 'Français', ar: 'العربية' };

const RTL = new Set<string>(['ar']);
export const isRtl = (lang: string): boolean => RTL.has(lang);

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

/** The language part of a tag: "de-AT" -> "de". */
export const baseOf = (tag: string): string => tag.toLowerCase().split(/[-_]/)[0] ?? '';

/** The language to speak: the setting when fixed, else the first preferred one spoken here, else English. */
export function chooseLanguage(setting: string | null | undefined, preferred: readonly string[]): Language {
  if (isLanguage(setting)) return setting;
  for (const tag of preferred) {
    const base = baseOf(tag);
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** Preferred languages from an Accept-Language header, best first ("de-CH,de;q=0.9,en;q=0.8"). */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.tag && x.tag !== '*' && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((x) => x.tag);
}

/**
 * The locale to format dates and numbers in: the visitor's own tag when it is
 * the language spoken (en-GB keeps its 24-hour clock), else the language.
 */
export function formatLocale(lang: Language, preferred: readonly string[]): string {
  return preferred.find((tag) => baseOf(tag) === lang) ?? lang;
}

/** Fills `{name}` placeholders; an unknown one stays as written. */
export function fill(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (all, k: string) => (k in vars ? String(vars[k]) : all));
}
