/**
 * The `/` in the reply box, as pure functions: where a `/query` is being
 * typed, what choosing a canned response makes of the text, which macros a
 * query matches, and what is left to fill in before the reply may be sent.
 */
import { fillVariables, unresolvedVariables, type VariableValues } from '@switchboard/text';

export interface SlashToken {
  /** Index of the slash. */
  start: number;
  /** Index after the query (the caret). */
  end: number;
  query: string;
}

/** A slash at the start of the text or after a space, then the word being typed up to the caret. */
export function slashToken(text: string, caret: number): SlashToken | null {
  const m = /(?:^|\s)\/([^\s/]{0,40})$/.exec(text.slice(0, caret));
  if (!m) return null;
  const query = m[1] ?? '';
  return { start: caret - query.length - 1, end: caret, query };
}

/** The text with the `/query` replaced by `insert`, and where the caret goes. */
export function replaceToken(text: string, token: SlashToken, insert: string): { text: string; caret: number } {
  return { text: text.slice(0, token.start) + insert + text.slice(token.end), caret: token.start + insert.length };
}

/** Macros whose name has a word starting with the query (all of them for an empty one), by name. */
export function matchMacros<M extends { name: string }>(macros: M[], query: string, limit = 5): M[] {
  const q = query.trim().toLowerCase();
  const words = (name: string) => name.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return macros.filter((m) => !q || words(m.name).some((w) => w.startsWith(q)) || m.name.toLowerCase().startsWith(q)).slice(0, limit);
}

export interface LeftToFill {
  /** Not variables at all (`{{order.number}}`). */
  unknown: string[];
  /** Variables this conversation has no value for (a visitor who never gave a name). */
  missing: string[];
  /** Every `{{…}}` left in the text, as written: the reply is not sent while there is one. */
  all: string[];
}

export function leftToFill(text: string, values: VariableValues): LeftToFill {
  const all = unresolvedVariables(text);
  if (all.length === 0) return { unknown: [], missing: [], all };
  const r = fillVariables(text, values);
  return { unknown: r.unknown, missing: r.missing, all };
}
