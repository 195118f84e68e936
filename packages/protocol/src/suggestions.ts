/**
 * Reply suggestions (G1): up to three replies the console offers for the
 * conversation's latest visitor message, each with where it comes from.
 */

/** Where a suggestion comes from: an article passage, an earlier operator answer, or drafted by the language model from passages. */
export interface SuggestionSource {
  kind: 'article' | 'answer' | 'model';
  /** The article's title, "Earlier answer", or "Drafted from: <titles>". */
  title: string;
  articleId?: string;
  /** The article's public address on the help centre (http or https). */
  url?: string;
  /** The conversation the earlier answer was given in. */
  conversationId?: string;
}

export interface ReplySuggestion {
  /** Stable for the same source: `article:<id>`, `answer:<messageId>`, `model:<seq>`. */
  id: string;
  text: string;
  source: SuggestionSource;
}

/**
 * Operators only (the conversation's team room; added without a protocol
 * version change): suggested replies for the visitor message `seq`, computed
 * after it was stored. Consoles that do not know it ignore it.
 */
export interface SuggestionsFrame {
  type: 'suggestions';
  conversationId: string;
  seq: number;
  suggestions: ReplySuggestion[];
}
