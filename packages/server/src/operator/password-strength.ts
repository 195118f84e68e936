/**
 * Refuses passwords that are common, breached or easily guessed, with
 * zxcvbn-ts (its frequency lists of leaked passwords, names and words, and
 * patterns such as keyboard walks, dates and repeats). Its dictionaries load
 * on first use (a quarter of a second), then a check takes a few milliseconds.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

/** zxcvbn's "safely unguessable" level: 10^8 guesses and more. */
const MIN_SCORE = 3;

let checker: ZxcvbnFactory | undefined;

function zxcvbn(): ZxcvbnFactory {
  checker ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return checker;
}

/**
 * Why a password is too weak, in words, or null when it is strong enough.
 * `related` are things an attacker knows (the email, the name): a password
 * built from them is weaker.
 */
export function passwordProblem(password: string, related: (string | undefined)[] = []): string | null {
  // Long passphrases are not worth the time to score, and zxcvbn slows down on them.
  if (password.length >= 64) return null;
  const inputs = related.flatMap((r) => (r ? [r, ...r.split(/[@.\s_-]+/)] : [])).filter((r) => r.length >= 3);
  const result = zxcvbn().check(password, inputs);
  if (result.score >= MIN_SCORE) return null;
  const hint = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
  return `Choose a stronger password: ${hint || 'add more words that are less common.'}`;
}
