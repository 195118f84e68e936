/**
 * Words a transcript: each message with its author and time, system lines as
 * the visitor's widget says them (or as stored, for the team's copy), files
 * as links. Times in the reader's language and time zone.
 */
import { eventText, isRtl, type Language, translator } from '@switchboard/widget/i18n';
import { REASON_TEXT, summaryParts } from '../summary/summary-text.js';
import type { Perspective, Transcript, TranscriptLine, TranscriptSource } from './transcript.js';

/** A formatter for the reader's locale and zone; an unknown zone (or none) is UTC, and says so. */
export function timeFormat(locale: string, timeZone: string | undefined): (t: number, style?: 'full' | 'line') => string {
  const make = (zone: string | undefined, style: 'full' | 'line') => {
    const options: Intl.DateTimeFormatOptions =
      style === 'full' ? { dateStyle: 'long', timeStyle: 'short', timeZone: zone } : { dateStyle: 'short', timeStyle: 'short', timeZone: zone };
    try {
      return new Intl.DateTimeFormat(locale, options);
    } catch {
      return null;
    }
  };
  const zone = timeZone && make(timeZone, 'line') ? timeZone : 'UTC';
  const full = make(zone, 'full') ?? new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
  const line = make(zone, 'line') ?? new Intl.DateTimeFormat('en', { dateStyle: 'short', timeStyle: 'short', timeZone: 'UTC' });
  return (t, style = 'line') => (style === 'full' ? `${full.format(t)} (${zone})` : line.format(t));
}

export function composeTranscript(
  src: TranscriptSource,
  opts: { perspective: Perspective; lang: Language; locale: string; timeZone: string | undefined },
): Transcript {
  const lang: Language = opts.perspective === 'visitor' ? opts.lang : 'en';
  const t = translator(lang);
  const time = timeFormat(opts.perspective === 'visitor' ? opts.locale : 'en-GB', opts.timeZone);
  const lines: TranscriptLine[] = [];
  for (const m of src.messages) {
    const at = time(m.createdAt);
    const iso = new Date(m.createdAt).toISOString();
    if (m.kind === 'event') {
      const text = opts.perspective === 'visitor' ? eventText(m.event, m.body, t) : m.body;
      if (text) lines.push({ kind: 'event', at, iso, text });
      continue;
    }
    const visitor = m.author.kind === 'visitor';
    const author = visitor ? (opts.perspective === 'visitor' ? t('you') : (src.visitorName ?? 'Visitor')) : (m.author.name ?? src.teamName);
    const files = m.attachments.flatMap((a) => {
      const url = src.links.get(a.id);
      return url ? [{ name: a.name, url, size: a.size }] : [];
    });
    lines.push({ kind: 'message', author, mine: visitor, at, iso, body: m.body, files });
  }
  const hasFiles = lines.some((l) => l.kind === 'message' && l.files.length > 0);
  return {
    lang,
    rtl: isRtl(lang),
    title: t('transcriptTitle'),
    subtitle: t('transcriptWith', { team: src.teamName }),
    started: t('transcriptStarted', { date: time(src.createdAt, 'full') }),
    footer: [t('transcriptExported', { date: time(src.now, 'full') }), ...(hasFiles ? [t('transcriptLinks', { date: time(src.linksUntil, 'full') })] : [])],
    lines,
    summary:
      opts.perspective === 'operator' && src.summary
        ? {
            title: `Summary (${REASON_TEXT[src.summary.reason]}, ${time(src.summary.createdAt)})`,
            parts: summaryParts(src.summary).map((p) => ({ heading: p.heading, lines: p.lines.length ? p.lines : ['Nothing'] })),
          }
        : undefined,
  };
}

/** "Attachment: name" in the transcript's language. */
export const attachmentLabel = (lang: Language, name: string) => translator(lang)('transcriptAttachment', { name });
