export { createApp, type App, type AppDeps } from './app.js';
export { loadConfig, type Config } from './config.js';
export { openDatabase, migrate, type DatabaseHandle, type DatabaseConfig } from './db/database.js';
export { createMemoryPubSub } from './pubsub/memory.js';
export { createRedisPubSub } from './pubsub/redis.js';
export type { PubSub } from './pubsub/pubsub.js';
export { ensureFirstWorkspace } from './demo/bootstrap.js';
export { createWorkspace } from './workspace/workspace.service.js';
export { evaluateRetrievalThroughProduct } from './article-assist/retrieval-eval.js';
