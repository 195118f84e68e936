export { AssistError, isAssistError, type AssistErrorCode } from './errors.js';
export { MAX_TEXT_LENGTH } from './text/normalize.js';
export {
  type WordVectors,
  loadPackagedWordVectors,
  wordVectorsFromMap,
} from './text/word-vectors.js';
export { trainIntentModel, DEFAULT_THRESHOLD, type TrainIntentOptions } from './intent/train.js';
export { IntentModel } from './intent/model.js';
export type { IntentExample, IntentPrediction, RankedIntent, TrainingProgress } from './intent/types.js';
export { parseCsv, type CsvRow } from './dataset/csv.js';
export { readLabelledCsv, type LabelledText, type LabelledCsvOptions } from './dataset/labelled.js';
export { accuracy, macroF1, recallAtK, meanReciprocalRank } from './evaluation/metrics.js';
export { ArticleIndex, type ArticleIndexOptions } from './retrieval/article-index.js';
export type { Article, ArticleMatch, SearchOptions } from './retrieval/types.js';
