/**
 * Every locale of the widget at once, for the server (the launcher's labels,
 * transcripts). The chat app never imports this file: it ships English and
 * fetches the one other locale it needs (dist/locales/<code>.json).
 */
import { ar } from './ar.js';
import { de } from './de.js';
import { type Catalog, en, type MessageKey } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { fill, type Language } from './languages.js';

export const CATALOGS: Record<Language, Catalog> = { en, es, de, fr, ar };

/** A translator for one language. */
export function translator(lang: Language): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const catalog = CATALOGS[lang];
  return (key, vars) => fill(catalog[key] ?? en[key], vars);
}

export * from './languages.js';
export { eventText } from './events.js';
export type { Catalog, MessageKey };
