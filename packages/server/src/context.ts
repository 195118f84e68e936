import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import type { EventBus } from './events/events.js';
import type { FileStore } from './attachment/file-store.js';
import type { PubSub } from './pubsub/pubsub.js';
import type { MessageWriter } from './message/message-writer.js';
import type { Jobs } from './jobs/job.js';
import type { ArticleFinder } from './article-assist/article-finder.js';
import type { LanguageModel } from './language-model/language-model.js';

/** Everything a service needs, built once by createApp and passed explicitly. */
export interface Context {
  config: Readonly<Config>;
  db: Db;
  dbKind: 'sqlite' | 'postgres';
  pubsub: PubSub;
  events: EventBus;
  files: FileStore;
  /** Group-commit writer every message goes through. */
  writer: MessageWriter;
  log: Logger;
  /** The one clock: every timer and every "now" (tests use a ManualClock). */
  clock: Clock;
  /** The clock's time, in epoch milliseconds. */
  now: () => number;
  /** Durable jobs: every timer, retry and scheduled action (jobs/README.md). */
  jobs: Jobs;
  /** The published articles' index (suggestions, article search, content gaps). */
  articles: ArticleFinder;
  /** The workspace's optional language model (G6); answers null when none is configured. */
  languageModel: LanguageModel;
}
