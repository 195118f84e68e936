/**
 * The optional language model (G6), as the features that use it see it:
 * reply suggestions (G1), summaries (G4) and the virtual agent (G5) ask it
 * for an answer grounded in passages they retrieved themselves, and fall
 * back to their on-premise behaviour when it answers null. Null means: no
 * model is configured for the workspace (nothing is sent anywhere), or the
 * call failed or timed out, or the answer cited none of the passages given.
 */
export interface GroundingPassage {
  /** Stable within the request; the model cites passages by it. */
  id: string;
  /** Where it comes from, for the reader: an article's title, "Message 12", … */
  title: string;
  text: string;
}

export interface GroundedRequest {
  workspaceId: string;
  task: 'suggest' | 'summary' | 'agent';
  /** The visitor's question (suggest, agent) or what to summarize (summary). */
  question: string;
  passages: GroundingPassage[];
  /** The model's answer in the visitor's language where it can (BCP 47). */
  locale?: string | undefined;
  signal?: AbortSignal;
}

export interface GroundedAnswer {
  text: string;
  /** Ids of the passages the answer cites: never empty (an answer citing nothing retrieved is dropped). */
  citations: string[];
}

export interface LanguageModel {
  answer(req: GroundedRequest): Promise<GroundedAnswer | null>;
}

/** No model configured anywhere: every feature keeps its on-premise behaviour. */
export const noLanguageModel: LanguageModel = { answer: async () => null };
