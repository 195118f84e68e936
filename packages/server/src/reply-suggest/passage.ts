/**
 * The passage of an article that answers a question: the finder already
 * picks the best paragraph; a long paragraph is cut to its best sentence
 * (sharing the most words with the question) and those after it, at most
 * `maxSentences` in all.
 */
import { normalizeText, STOPWORDS, stem, words } from '@switchboard/assist';

const terms = (text: string) =>
  words(normalizeText(text))
    .filter((w) => !STOPWORDS.has(w))
    .map(stem);

export const MAX_PASSAGE_CHARS = 300;

export function pickPassage(paragraph: string, question: string, maxSentences = 2): string {
  const flat = paragraph.replace(/\s+/g, ' ').trim();
  if (flat.length <= MAX_PASSAGE_CHARS) return flat;
  const sentences = flat
    .match(/[^.!?…]+[.!?…]*/g)
    ?.map((s) => s.trim())
    .filter(Boolean) ?? [flat];
  const asked = new Set(terms(question));
  const score = (s: string) => new Set(terms(s).filter((w) => asked.has(w))).size;
  // The sentence sharing the most words with the question, then the ones after it while they fit.
  let best = 0;
  let bestScore = -1;
  for (const [i, sentence] of sentences.entries()) {
    const n = score(sentence);
    if (n > bestScore) {
      bestScore = n;
      best = i;
    }
  }
  let text = sentences[best]!;
  for (let j = best + 1; j < Math.min(best + maxSentences, sentences.length); j++) {
    const longer = `${text} ${sentences[j]}`;
    if (longer.length > MAX_PASSAGE_CHARS) break;
    text = longer;
  }
  if (text.length <= MAX_PASSAGE_CHARS) return text;
  const cut = text.slice(0, MAX_PASSAGE_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > MAX_PASSAGE_CHARS / 2 ? space : MAX_PASSAGE_CHARS)}…`;
}
