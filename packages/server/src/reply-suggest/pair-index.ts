/**
 * Earlier operator answers (G1): pairs of a visitor question and the operator
 * reply that followed it, indexed by the question with the assist engine's
 * ArticleIndex (BM25 over words and character grams, word vectors), so a new
 * visitor question finds the answers given to similar ones. Bounded: past
 * `maxPairs` the oldest pair leaves (insertion order).
 */
import { ArticleIndex, type ArticleIndexOptions } from '@switchboard/assist';

export interface AnswerPair {
  /** The operator reply's message id. */
  id: string;
  conversationId: string;
  question: string;
  answer: string;
}

export interface PairMatch extends AnswerPair {
  /** Share of the new question the earlier one covers (0–1). */
  similarity: number;
}

/** Below this similarity an earlier answer is not suggested. */
export const MIN_SIMILARITY = 0.6;
export const MAX_PAIRS = 5000;
/** Question and answer texts kept, in characters. */
const MAX_TEXT = 1000;

export class PairIndex {
  private readonly pairs = new Map<string, AnswerPair>();

  private constructor(
    private readonly index: ArticleIndex,
    private readonly maxPairs: number,
  ) {}

  static async create(opts: { maxPairs?: number; wordVectors?: ArticleIndexOptions['wordVectors'] } = {}): Promise<PairIndex> {
    const index = await ArticleIndex.create(opts.wordVectors === undefined ? {} : { wordVectors: opts.wordVectors });
    return new PairIndex(index, opts.maxPairs ?? MAX_PAIRS);
  }

  get size(): number {
    return this.pairs.size;
  }

  add(pair: AnswerPair): void {
    const question = pair.question.trim().slice(0, MAX_TEXT);
    const answer = pair.answer.trim().slice(0, MAX_TEXT);
    if (!question || !answer) return;
    this.pairs.delete(pair.id);
    this.pairs.set(pair.id, { ...pair, question, answer });
    this.index.upsert({ id: pair.id, title: question });
    while (this.pairs.size > this.maxPairs) {
      const oldest = this.pairs.keys().next().value as string;
      this.pairs.delete(oldest);
      this.index.remove(oldest);
    }
  }

  /** Earlier answers to questions like this one, most similar first, at least `minSimilarity`. */
  search(question: string, opts: { limit?: number; minSimilarity?: number; exceptConversationId?: string } = {}): PairMatch[] {
    const text = question.trim().slice(0, MAX_TEXT);
    if (!text || this.pairs.size === 0) return [];
    const min = opts.minSimilarity ?? MIN_SIMILARITY;
    const out: PairMatch[] = [];
    const seen = new Set<string>();
    for (const m of this.index.search(text, { limit: 50 })) {
      const pair = this.pairs.get(m.id);
      if (!pair || m.coverage < min || pair.conversationId === opts.exceptConversationId) continue;
      // The same answer given many times is one suggestion.
      const key = pair.answer.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ ...pair, similarity: m.coverage });
    }
    return out.slice(0, opts.limit ?? 10);
  }
}

/**
 * Pairs from a conversation's messages in order: the visitor's text messages
 * since the last operator message make the question, the operator's next text
 * message the answer.
 */
export function pairsOf(messages: readonly { id: string; conversationId: string; author: 'visitor' | 'operator'; body: string }[]): AnswerPair[] {
  const out: AnswerPair[] = [];
  let question: string[] = [];
  for (const m of messages) {
    if (m.author === 'visitor') {
      question.push(m.body);
    } else if (question.length > 0) {
      out.push({ id: m.id, conversationId: m.conversationId, question: question.join('\n'), answer: m.body });
      question = [];
    }
  }
  return out;
}
