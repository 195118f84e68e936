import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from './en.js';
import { acceptedLanguages, CATALOGS, chooseLanguage, eventText, formatLocale, LANGUAGES, translator } from './index.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('every locale says everything', () => {
  const keys = Object.keys(en).sort();
  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has every key of English, and no other', (lang) => {
    const catalog = CATALOGS[lang] as Record<string, string>;
    const have = Object.keys(catalog).sort();
    expect(
      keys.filter((k) => !have.includes(k)),
      'missing',
    ).toEqual([]);
    expect(
      have.filter((k) => !keys.includes(k)),
      'unknown',
    ).toEqual([]);
  });

  it.each(LANGUAGES)('%s: no empty text, and the same placeholders as English', (lang) => {
    const catalog = CATALOGS[lang];
    for (const key of keys as MessageKey[]) {
      expect(catalog[key]?.trim(), `${lang}.${key}`).toBeTruthy();
      expect(placeholders(catalog[key]), `${lang}.${key}`).toEqual(placeholders(en[key]));
    }
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s is translated, not English copied (a few words such as "Chat" stay)', (lang) => {
    const same = (Object.keys(en) as MessageKey[]).filter((k) => CATALOGS[lang][k] === en[k]);
    expect(same.length).toBeLessThan(6);
  });

  it('a key missing from a locale is caught (the check above is not vacuous)', () => {
    const broken = { ...CATALOGS.de } as Record<string, string>;
    delete broken.sendRating;
    expect(Object.keys(en).filter((k) => !(k in broken))).toEqual(['sendRating']);
  });
});

describe('choosing the language', () => {
  it('takes the inbox’s fixed language over the browser’s', () => {
    expect(chooseLanguage('fr', ['de-DE', 'en'])).toBe('fr');
  });
  it('takes the first browser language it speaks, by its base language, else English', () => {
    expect(chooseLanguage('auto', ['pt-BR', 'de-AT', 'en'])).toBe('de');
    expect(chooseLanguage('auto', ['ar-EG'])).toBe('ar');
    expect(chooseLanguage('auto', ['pt-BR', 'ja'])).toBe('en');
    expect(chooseLanguage(undefined, [])).toBe('en');
  });
  it('reads Accept-Language by preference', () => {
    expect(acceptedLanguages('en;q=0.5, es-MX, de;q=0.8, *;q=0.1')).toEqual(['es-MX', 'de', 'en']);
    expect(chooseLanguage('auto', acceptedLanguages('ja, fr-CA;q=0.7'))).toBe('fr');
    expect(acceptedLanguages(undefined)).toEqual([]);
  });
  it('formats in the visitor’s own variant of the language spoken', () => {
    expect(formatLocale('en', ['en-GB', 'en'])).toBe('en-GB');
    expect(formatLocale('de', ['en-GB'])).toBe('de');
  });
});

describe('system lines in the visitor’s words', () => {
  const de = translator('de');
  it('renders each event from its structure, translated', () => {
    expect(eventText({ type: 'status', status: 'resolved', byName: null, by: 'visitor' }, 'Ended by the visitor', de)).toBe('Sie haben den Chat beendet');
    expect(eventText({ type: 'status', status: 'resolved', byName: 'Ana' }, 'Resolved by Ana', de)).toBe('Ana hat die Unterhaltung gelöst');
    expect(eventText({ type: 'status', status: 'open', byName: null }, 'Reopened by the visitor', de)).toBe('Unterhaltung wieder geöffnet');
    expect(eventText({ type: 'assigned', operatorId: 'o1', operatorName: 'Ben', byName: 'Ben' }, 'Assigned to Ben', de)).toBe('Ben ist dem Chat beigetreten');
    expect(eventText({ type: 'rating', rating: 4, comment: 'Super' }, 'Rated 4 out of 5', de)).toBe('Sie haben diese Unterhaltung mit 4 von 5 bewertet');
  });
  it('shows visitors nothing of the team’s labels', () => {
    expect(eventText({ type: 'labels', added: ['vip'], removed: [], byName: 'Ana' }, 'Labelled vip', de)).toBeNull();
  });
  it('falls back to the stored text only for a kind it does not know', () => {
    expect(eventText({ type: 'future' } as never, 'Something new', de)).toBe('Something new');
  });
});
