/**
 * Mentions in a private note: `@` followed by an operator's name, as the
 * console's picker writes it ("@Olivia Park"). The server reads them to know
 * whom to notify; the console finds the same spans to highlight them. Names
 * match without regard to case, the longest name wins ("@Ana Lopez" over
 * "@Ana"), a name must end where a word ends, and an `@` inside a word (an
 * email address) is no mention.
 */
export interface Mentionable {
  id: string;
  name: string;
}

export interface MentionSpan<T extends Mentionable = Mentionable> {
  /** Index of the `@`. */
  start: number;
  /** Index after the name. */
  end: number;
  who: T;
}

const WORD = /[\p{L}\p{N}_]/u;

/** Every mention in `text`, in order. */
export function mentionSpans<T extends Mentionable>(text: string, people: readonly T[]): MentionSpan<T>[] {
  if (!text.includes('@') || people.length === 0) return [];
  const byLength = people.filter((p) => p.name.trim()).sort((a, b) => b.name.length - a.name.length);
  const lower = text.toLowerCase();
  const spans: MentionSpan<T>[] = [];
  for (let i = lower.indexOf('@'); i !== -1; i = lower.indexOf('@', i + 1)) {
    if (i > 0 && WORD.test(text[i - 1] as string)) continue;
    const who = byLength.find((p) => {
      const name = p.name.toLowerCase();
      const after = text[i + 1 + name.length];
      return lower.startsWith(name, i + 1) && (after === undefined || !WORD.test(after));
    });
    if (!who) continue;
    spans.push({ start: i, end: i + 1 + who.name.length, who });
    i += who.name.length;
  }
  return spans;
}

/** The people a text mentions, each once, in the order they first appear. */
export function findMentions<T extends Mentionable>(text: string, people: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const s of mentionSpans(text, people)) if (!seen.has(s.who.id)) seen.set(s.who.id, s.who);
  return [...seen.values()];
}

/** The query being typed after an `@` that ends at `caret`, for the picker; null when the caret is not in one. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at === -1 || (at > 0 && WORD.test(before[at - 1] as string))) return null;
  const query = before.slice(at + 1);
  // Names have at most a few words; a line break or a long run means the operator moved on.
  if (query.length > 40 || /[\n@]/.test(query) || /\s\s/.test(query)) return null;
  return { start: at, query };
}
