import { AssistError } from '../errors.js';
import type { LabelledText } from '../dataset/labelled.js';
import type { RetrievalQuery } from '../dataset/jsonl.js';
import { trainEncodedIntentModel } from '../intent/encoded.js';
import type { SentenceEncoder } from '../text/sentence-encoder.js';
import { tuneThreshold } from '../intent/tune.js';
import type { TrainingProgress } from '../intent/types.js';
import { trainMoodModel, MoodModel } from '../mood/model.js';
import { MOODS, type Mood } from '../mood/types.js';
import { ArticleIndex } from '../retrieval/article-index.js';
import type { Article } from '../retrieval/types.js';
import type { WordVectors } from '../text/word-vectors.js';
import { accuracy, macroF1, meanReciprocalRank, recallAtK } from './metrics.js';

export interface Timing {
  trainSeconds: number;
  predictMsPerText: number;
}

export interface IntentEvaluation extends Timing {
  task: 'intents';
  trainExamples: number;
  testExamples: number;
  labels: number;
  accuracy: number;
  macroF1: number;
  threshold: number;
  inScopeAccuracy?: number;
  outOfScopeRecall?: number;
  unseenTestLabels: number;
  /** The sentence encoder beside the features (only when one was given). */
  encoder?: string;
}

interface Common {
  wordVectors?: WordVectors | null | 'packaged';
  onProgress?: (progress: TrainingProgress) => void;
}

/** Trains the product's intent model on `train` and scores it on `test`. */
export async function evaluateIntents(
  train: readonly LabelledText[],
  test: readonly LabelledText[],
  options: Common & {
    outOfScopeLabel?: string | null;
    threshold?: number | 'auto';
    /** Labelled examples to choose the "none of these" threshold on (instead of held-out training examples). */
    validation?: readonly LabelledText[];
    /** A loaded sentence encoder whose embeddings join the features (the training time includes embedding). */
    sentenceEncoder?: SentenceEncoder | null;
  } = {},
): Promise<IntentEvaluation> {
  const oos = options.outOfScopeLabel ?? null;
  const started = performance.now();
  let model = await trainEncodedIntentModel(
    train,
    {
      outOfScopeLabel: oos,
      threshold: options.threshold ?? 'auto',
      wordVectors: options.wordVectors,
      onProgress: options.onProgress,
    },
    options.sentenceEncoder ?? null,
  );
  if (options.validation) {
    await model.prepare(options.validation.map((e) => e.text));
    model = model.withThreshold(tuneThreshold(model.model, options.validation));
    model.forget();
  }
  const trainSeconds = (performance.now() - started) / 1000;
  const known = new Set(train.map((e) => e.label));
  const predictStart = performance.now();
  // The prediction time includes embedding each text (in batches, as a busy node would).
  await model.prepare(test.map((e) => e.text));
  const predicted = test.map((e) => {
    const p = model.model.predict(e.text);
    return p.label ?? oos ?? '(none)';
  });
  const predictMsPerText = (performance.now() - predictStart) / test.length;
  const truth = test.map((e) => e.label);
  const result: IntentEvaluation = {
    task: 'intents',
    trainExamples: train.length,
    testExamples: test.length,
    labels: model.labels.length,
    accuracy: accuracy(truth, predicted),
    macroF1: macroF1(truth, predicted),
    threshold: model.threshold,
    unseenTestLabels: truth.filter((l) => !known.has(l) && l !== oos).length,
    trainSeconds,
    predictMsPerText,
    ...(model.encoder ? { encoder: model.encoder } : {}),
  };
  model.forget();
  if (oos !== null) {
    const inScope = truth.map((l, i) => [l, predicted[i]] as const).filter(([l]) => l !== oos);
    const outOfScope = truth.map((l, i) => [l, predicted[i]] as const).filter(([l]) => l === oos);
    result.inScopeAccuracy = inScope.length ? inScope.filter(([l, p]) => l === p).length / inScope.length : 0;
    result.outOfScopeRecall = outOfScope.length ? outOfScope.filter(([, p]) => p === oos).length / outOfScope.length : 0;
  }
  return result;
}

export interface RetrievalEvaluation {
  task: 'retrieval';
  articles: number;
  queries: number;
  recallAt1: number;
  recallAt5: number;
  mrr: number;
  indexSeconds: number;
  queryMs: number;
}

/** Indexes the articles with the product's index and ranks each query's answering article. */
export async function evaluateRetrieval(
  articles: readonly Article[],
  queries: readonly RetrievalQuery[],
  options: Pick<Common, 'wordVectors'> & { source?: string } = {},
): Promise<RetrievalEvaluation> {
  const ids = new Set(articles.map((a) => a.id));
  for (const q of queries) {
    if (!ids.has(q.articleId)) {
      throw new AssistError('BAD_FILE', `${options.source ?? 'queries'} line ${q.line}: doc_id "${q.articleId}" is not among the articles`);
    }
  }
  const index = await ArticleIndex.create({ wordVectors: options.wordVectors });
  const started = performance.now();
  for (const article of articles) index.upsert(article);
  const indexSeconds = (performance.now() - started) / 1000;
  const queryStart = performance.now();
  const ranks = queries.map((q) => {
    const at = index.search(q.query, { limit: 100 }).findIndex((m) => m.id === q.articleId);
    return at < 0 ? null : at + 1;
  });
  return {
    task: 'retrieval',
    articles: articles.length,
    queries: queries.length,
    recallAt1: recallAtK(ranks, 1),
    recallAt5: recallAtK(ranks, 5),
    mrr: meanReciprocalRank(ranks),
    indexSeconds,
    queryMs: (performance.now() - queryStart) / queries.length,
  };
}

export interface SentimentEvaluation extends Timing {
  task: 'sentiment';
  trainExamples: number;
  testExamples: number;
  accuracy: number;
  macroF1: number;
  /** The shipped lexicon model on the same test file, for reference (it learns nothing). */
  lexiconAccuracy: number;
}

/** Trains a mood model on `train` the way a workspace would, and scores it on `test`. */
export async function evaluateSentiment(train: readonly LabelledText[], test: readonly LabelledText[], options: Common = {}): Promise<SentimentEvaluation> {
  const asMood = (rows: readonly LabelledText[], source: string) =>
    rows.map((r) => {
      const sentiment = r.label.toLowerCase();
      if (!(MOODS as readonly string[]).includes(sentiment)) {
        throw new AssistError('BAD_FILE', `${source} line ${r.line}: sentiment must be negative, neutral or positive, got "${r.label}"`);
      }
      return { text: r.text, sentiment: sentiment as Mood };
    });
  const trainSet = asMood(train, 'training file');
  const testSet = asMood(test, 'test file');
  const started = performance.now();
  const model = await trainMoodModel(trainSet, { wordVectors: options.wordVectors, onProgress: options.onProgress });
  const trainSeconds = (performance.now() - started) / 1000;
  const predictStart = performance.now();
  const predicted = testSet.map((e) => model.score(e.text).mood);
  const predictMsPerText = (performance.now() - predictStart) / testSet.length;
  const truth = testSet.map((e) => e.sentiment);
  const lexicon = MoodModel.lexicon();
  return {
    task: 'sentiment',
    trainExamples: trainSet.length,
    testExamples: testSet.length,
    accuracy: accuracy(truth, predicted),
    macroF1: macroF1(truth, predicted),
    lexiconAccuracy: accuracy(
      truth,
      testSet.map((e) => lexicon.score(e.text).mood),
    ),
    trainSeconds,
    predictMsPerText,
  };
}
