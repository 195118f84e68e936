export * from './version.js';
export * from './types.js';
export * from './frames.js';
export type * from './schema.js';
