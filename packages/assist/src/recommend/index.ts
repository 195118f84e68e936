export { Recommender, type RecommenderOptions, UPSELL_STEP, MIN_TOGETHER, MIN_MATCH_COVERAGE, matchedWords, productText } from './recommender.js';
export { CoOccurrence } from './cooccurrence.js';
export { PageIndex, pageKeys } from './page-match.js';
export * from './types.js';
