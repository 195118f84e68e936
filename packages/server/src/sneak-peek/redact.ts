/**
 * What operators may see of a visitor's unsent draft (sneak peek): the text
 * with payment and identity numbers taken out on the server, before it
 * reaches any console. The draft is a preview of something the visitor has
 * not decided to send, so the rules lean towards hiding:
 * - card numbers: 13 to 19 digits (spaces or dashes allowed) passing the Luhn
 *   check, and digits grouped in fours like a card (three groups or more),
 *   which is also what a card looks like while it is being typed;
 * - IBANs, by their check digits (ISO 13616, mod 97);
 * - long digit runs (20 digits and more), an unbroken run of 12 or more
 *   still being typed at the end of the draft, and US social security numbers.
 * Ordinary numbers (order ids, prices, dates, phone numbers) stay readable
 * unless they pass the card check.
 */
export const REDACTED = { card: '[card number]', iban: '[IBAN]', number: '[number]' } as const;

/** The Luhn checksum of a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** ISO 13616 check: the country code and check digits moved to the end, letters as numbers, mod 97 is 1. */
export function ibanValid(compact: string): boolean {
  const s = compact.toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const digit of value) rest = (rest * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return rest === 1;
}

/** IBANs as people write them: compact, or in groups split by single spaces or dashes. The longest valid prefix of a run wins. */
function redactIbans(text: string): string {
  const start = /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}/gu;
  let out = '';
  let from = 0;
  for (let m = start.exec(text); m; m = start.exec(text)) {
    if (m.index < from) continue;
    const groups = /^[A-Za-z0-9]+(?:[ -][A-Za-z0-9]+)*/.exec(text.slice(m.index))?.[0] ?? '';
    let compact = '';
    let end = -1;
    // Try every group boundary: the run may go on into an ordinary word ("… 3000 please").
    for (const g of groups.matchAll(/[ -]?([A-Za-z0-9]+)/g)) {
      compact += g[1];
      if (compact.length > 34) break;
      if (ibanValid(compact)) end = (g.index ?? 0) + g[0].length;
    }
    if (end === -1) continue;
    out += text.slice(from, m.index) + REDACTED.iban;
    from = m.index + end;
    start.lastIndex = from;
  }
  return out + text.slice(from);
}

/** A run of digit groups (single spaces or dashes between them) and the part of it that is sensitive, if any. */
function sensitiveSpan(groups: string[], atEnd: boolean): { from: number; to: number; mark: string } | null {
  const digits = groups.join('');
  // Card-like grouping: 4 + 4 + 4 (+ …), the last group possibly still being typed.
  const fours = groups.length >= 3 && groups.slice(0, -1).every((g) => g.length === 4) && (groups.at(-1)?.length ?? 0) <= 4;
  if (fours) return { from: 0, to: groups.length, mark: REDACTED.card };
  // The longest stretch of whole groups with 13 to 19 digits that passes Luhn.
  let best: { from: number; to: number } | null = null;
  for (let i = 0; i < groups.length; i++) {
    let n = 0;
    for (let j = i; j < groups.length; j++) {
      n += (groups[j] as string).length;
      if (n > 19) break;
      const longer = !best || j + 1 - i > best.to - best.from;
      if (n >= 13 && longer && luhnValid(groups.slice(i, j + 1).join(''))) best = { from: i, to: j + 1 };
    }
  }
  if (best) return { ...best, mark: REDACTED.card };
  if (digits.length >= 20) return { from: 0, to: groups.length, mark: REDACTED.number };
  // One long run of digits still being typed: a card in the making as likely as anything else.
  if (atEnd && groups.length === 1 && digits.length >= 12) return { from: 0, to: 1, mark: REDACTED.number };
  return null;
}

function redactDigits(text: string): string {
  const run = /(?<![\p{L}\p{N}])\d+(?:[ -]\d+)*/gu;
  return text.replace(run, (match, offset: number) => {
    const atEnd = offset + match.length === text.length;
    if (/^\d{3}-\d{2}-\d{4}$/.test(match)) return REDACTED.number;
    const parts = match.split(/([ -])/);
    const groups = parts.filter((_, i) => i % 2 === 0);
    const span = sensitiveSpan(groups, atEnd);
    if (!span) return match;
    // Keep the groups around the sensitive stretch (and their separators) as they were.
    const before = parts.slice(0, span.from * 2).join('');
    const after = parts.slice(span.to * 2 - 1).join('');
    return before + span.mark + after;
  });
}

/** The draft as operators may see it. */
export function redactDraft(text: string): string {
  return redactDigits(redactIbans(text));
}
