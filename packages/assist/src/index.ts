export { AssistError, isAssistError, type AssistErrorCode } from './errors.js';
export { MAX_TEXT_LENGTH, normalizeText, words, stem } from './text/normalize.js';
export { STOPWORDS } from './text/stopwords.js';
export {
  type WordVectors,
  loadPackagedWordVectors,
  wordVectorsFromMap,
} from './text/word-vectors.js';
export { trainIntentModel, DEFAULT_THRESHOLD, type TrainIntentOptions } from './intent/train.js';
export { IntentModel } from './intent/model.js';
export type { DenseEncoder, DenseFeatures } from './intent/dense.js';
export { EncodedIntentModel, loadEncodedIntentModel, savedSentenceEncoder, trainEncodedIntentModel } from './intent/encoded.js';
export {
  EncodedTexts,
  loadSentenceEncoder,
  SENTENCE_ENCODERS,
  type SentenceEncoder,
  type SentenceEncoderName,
  sentenceFeatures,
  USE_LITE,
} from './text/sentence-encoder.js';
export { tuneThreshold } from './intent/tune.js';
export type { IntentExample, IntentPrediction, RankedIntent, TrainingProgress } from './intent/types.js';
export { parseCsv, type CsvRow } from './dataset/csv.js';
export { readLabelledCsv, type LabelledText, type LabelledCsvOptions } from './dataset/labelled.js';
export { accuracy, macroF1, recallAtK, meanReciprocalRank } from './evaluation/metrics.js';
export { ArticleIndex, type ArticleIndexOptions, type SignalName, type SignalWeights } from './retrieval/article-index.js';
export type { Article, ArticleMatch, SearchOptions } from './retrieval/types.js';
export { MoodModel, trainMoodModel } from './mood/model.js';
export { moodTrend, type MoodTrend } from './mood/trend.js';
export { MOODS, type Mood, type MoodScore, type MoodExample } from './mood/types.js';
export { readArticlesJsonl, readQueriesJsonl, parseJsonl, type RetrievalQuery } from './dataset/jsonl.js';
export {
  evaluateIntents,
  evaluateRetrieval,
  evaluateSentiment,
  type IntentEvaluation,
  type RetrievalEvaluation,
  type SentimentEvaluation,
} from './evaluation/evaluate.js';
export { summarizeConversation } from './summary/summarize.js';
export type { ExtractiveSummary, SummarizeOptions, SummaryAuthor, SummaryMessage } from './summary/types.js';
export * from './recommend/index.js';
export { demoShop, DEMO_SHOP_HOST, type DemoOrder, type DemoShop, type DemoShopOptions } from './recommend/demo-shop.js';
export { splitByTime, hitRate, engineRanker, popularRanker, sameCategoryRanker, type HoldoutCase, type Ranker } from './recommend/holdout.js';
export { seededRandom } from './recommend/prng.js';
