/** A conversation as a file to keep: what is asked for, and what goes in it. */
import type { ConversationSummaryDto, MessageDto } from '@switchboard/protocol';
import { LANGUAGES, type Language } from '@switchboard/widget/i18n';
import { z } from 'zod';

const format = z.enum(['html', 'text']).default('html').describe('html: a page to open in a browser; text: plain text');
const timeZone = z.string().max(64).optional().describe('IANA time zone for the times, e.g. Europe/Berlin');

export const visitorTranscriptQuery = z.object({
  format,
  language: z.enum(LANGUAGES).optional().describe('The transcript’s own words; default the language the widget speaks to this visitor'),
  timeZone: timeZone.describe('IANA time zone for the times; default the visitor’s last known one'),
});

export const operatorTranscriptQuery = z.object({ format, timeZone: timeZone.describe('IANA time zone for the times; default UTC') });

export type TranscriptFormat = 'html' | 'text';

/** Whose words: the visitor's own transcript ("You", their language) or the team's copy (English, the visitor named). */
export type Perspective = 'visitor' | 'operator';

/** One line of a transcript, worded already. */
export type TranscriptLine =
  | { kind: 'message'; author: string; mine: boolean; at: string; iso: string; body: string; files: { name: string; url: string; size: number }[] }
  | { kind: 'event'; at: string; iso: string; text: string };

export interface Transcript {
  lang: Language;
  rtl: boolean;
  title: string;
  subtitle: string;
  started: string;
  footer: string[];
  lines: TranscriptLine[];
  /** The team's copy only: the conversation's latest summary (G4), worded. */
  summary?: { title: string; parts: { heading: string; lines: string[] }[] } | undefined;
}

export interface TranscriptSource {
  messages: MessageDto[];
  teamName: string;
  /** Who the visitor is to the team (their contact's name), for the team's copy. */
  visitorName: string | null;
  createdAt: number;
  /** Absolute, signed links to the files, by attachment id. */
  links: Map<string, string>;
  linksUntil: number;
  now: number;
  /** The latest summary, for the team's copy (never the visitor's). */
  summary?: ConversationSummaryDto | undefined;
}
