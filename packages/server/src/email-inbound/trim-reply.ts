/**
 * What the customer wrote in a reply, without what their mail program adds:
 * the quoted history ("On … wrote:" and the lines after it, lines starting
 * with ">", Outlook's "From: … Sent: …" block, "Original Message"), the
 * signature after "-- ", and "Sent from my iPhone" and its kind. Operators see
 * the earlier messages in the conversation already. When trimming would leave
 * nothing (a mail that is only a forward), the whole text is kept instead: a
 * customer's words are never lost to a heuristic.
 */

/** "On Mon, 7 Dec 2026 at 10:02, Ann <ann@example.com> wrote:" and its translations; may wrap over two lines. */
const WROTE = [
  /^On\b.*\bwrote:\s*$/i,
  /^Am\b.*\bschrieb\b.*:\s*$/i,
  /^Le\b.*\ba écrit\s*:\s*$/i,
  /^El\b.*\bescribió:\s*$/i,
  /^Il giorno\b.*\bha scritto:\s*$/i,
  /^Op\b.*\bschreef\b.*:\s*$/i,
];

/** The first line of a forwarded or quoted original. */
const ORIGINAL = /^\s*-{2,}\s*(Original Message|Forwarded message|Ursprüngliche Nachricht|Message d'origine)\s*-{2,}/i;

/** Outlook's header block: "From: …" then "Sent: …" or "Date: …" within a few lines (bold as "*From:*" when from HTML). */
const OUTLOOK_FROM = /^\s*\*?(From|Von|De)\s*:\*?\s/i;
const OUTLOOK_SENT = /^\s*\*?(Sent|Date|Gesendet|Envoyé|Enviado)\s*:\*?\s/i;

/** What phones and mail apps sign with. */
const SENT_FROM =
  /^\s*(Sent from my [\w .-]{1,40}|Sent from (Mail|Outlook|Yahoo Mail|Samsung)\b.*|Get Outlook for (iOS|Android).*|Envoyé de mon [\w .-]{1,40}|Von meinem [\w .-]{1,40} gesendet)\.?\s*$/i;
/^\s*(Sent from my \w+|Sent from (Mail|Outlook|Yahoo Mail|Samsung)\b.*|Get Outlook for (iOS|Android).*|Envoyé de mon \w+|Von meinem \w+ gesendet)\s*$/i;

/** A signature separator: "-- " by the standard, "--" as many programs write it. */
const SIGNATURE = /^-- ?$/;

function cutIndex(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    const joined = `${line} ${lines[i + 1]?.trim() ?? ''}`;
    if (WROTE.some((r) => r.test(line))) return i;
    // Gmail wraps a long "On … wrote:" line: its first half starts with "On", the next line ends it.
    if (/^(On|Am|Le|El|Op)\b/.test(line) && WROTE.some((r) => r.test(joined))) return i;
    if (ORIGINAL.test(line)) return i;
    if (OUTLOOK_FROM.test(line) && lines.slice(i + 1, i + 5).some((l) => OUTLOOK_SENT.test(l))) return i;
    if (SIGNATURE.test(line) || SENT_FROM.test(line)) return i;
  }
  return lines.length;
}

export function trimReply(text: string): string {
  const all = text.replace(/\r\n?/g, '\n').split('\n');
  const kept = all.slice(0, cutIndex(all)).filter((l) => !/^\s*>/.test(l));
  // The rule Outlook draws above its block (underscores in text, dashes once its HTML is turned into text) goes too.
  while (kept.length > 0 && /^\s*([-_=*]{5,})?\s*$/.test(kept.at(-1)!)) kept.pop();
  const trimmed = kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return trimmed || text.trim();
}
