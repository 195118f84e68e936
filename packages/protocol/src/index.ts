export * from './version.js';
export * from './types.js';
export * from './frames.js';
export * from './summary-pack.js';
export type * from './schema.js';
export * from './visitor-pack.js';
export * from './visibility.js';
export * from './search.js';
export * from './articles.js';
