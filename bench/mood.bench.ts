/**
 * Mood scoring throughput, per core: (1) the shipped lexicon model alone,
 * messages scored per second of CPU; (2) the whole scoring step as the server
 * runs it (scoreMoods: score, store each score, read each conversation's
 * recent scores, store its mood and trend, announce), on SQLite, in the
 * queue's batches over 500 conversations: once reading the stored
 * state each batch through promises (as on PostgreSQL), once with what the
 * node keeps of it (MoodCache), and once as the server stores on SQLite (what
 * the node keeps, in one synchronous transaction a batch). The texts are customer
 * messages of the shared airline set when it is there (read in place, only to
 * time the model), else a few built-in ones.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MoodModel, parseCsv } from '@switchboard/assist';
import { createApp, loadConfig, openDatabase } from '../packages/server/src/index.js';
import { newId } from '../packages/server/src/ids.js';
import { startConversation } from '../packages/server/src/conversation/start-conversation.js';
import type { MoodItem } from '../packages/server/src/mood/mood.js';
import { MoodCache } from '../packages/server/src/mood/mood-cache.js';
import { MOOD_BATCH } from '../packages/server/src/mood/mood-queue.js';
import { SqliteMoodStore } from '../packages/server/src/mood/mood-sqlite.js';
import { scoreMoods } from '../packages/server/src/mood/score-moods.js';
import { createWorkspace } from '../packages/server/src/workspace/workspace.service.js';
import { figure, repo } from './support.js';

const MESSAGES = Number(process.env.BENCH_MOOD_MESSAGES ?? 100_000);
const STORED = Number(process.env.BENCH_MOOD_STORED ?? 20_000);
const CONVERSATIONS = 500;
/** The queue's batch, or another to compare (BENCH_MOOD_BATCH). */
const BATCH = Number(process.env.BENCH_MOOD_BATCH ?? MOOD_BATCH);

const BUILT_IN = [
  "This is the third time I'm asking, this is ridiculous",
  'Hello, where is my order? It was due on Monday',
  'Thanks so much, that fixed it!',
  'My card was charged twice and nobody answers',
  'Can I change the delivery address to my office?',
  'ok',
  'STILL WAITING!!! Unacceptable',
  'Great, have a nice day :)',
];

function texts(): string[] {
  // The shared development data sits beside the checkout (never copied into the repository).
  const path = [
    join(repo, '..', 'shared', 'data', 'airline_sentiment', 'dev.csv'),
    join(repo, '..', '..', 'shared', 'data', 'airline_sentiment', 'dev.csv'),
  ].find((p) => existsSync(p));
  if (!path) return BUILT_IN;
  const rows = parseCsv(readFileSync(path, 'utf8'));
  const col = Math.max(0, rows[0]?.fields.indexOf('text') ?? 0);
  const out = rows
    .slice(1)
    .map((r) => r.fields[col] ?? '')
    .filter((t) => t.trim());
  return out.length > 100 ? out : BUILT_IN;
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const corpus = texts();
const model = MoodModel.lexicon();
for (let i = 0; i < 2000; i++) model.score(corpus[i % corpus.length]!);
const start = cpu();
const wall = performance.now();
for (let i = 0; i < MESSAGES; i++) model.score(corpus[i % corpus.length]!);
const scoreCpu = cpu() - start;
const scoreRate = (MESSAGES / scoreCpu) * 1000;
console.log(
  `\nMood scoring, lexicon model: ${MESSAGES} messages (${corpus === BUILT_IN ? 'built-in texts' : `${corpus.length} airline texts`}) in ${(performance.now() - wall).toFixed(0)} ms, ${((scoreCpu / MESSAGES) * 1000).toFixed(1)} µs CPU each`,
);

const dir = mkdtempSync(join(tmpdir(), 'sb-mood-bench-'));
const config = loadConfig({ NODE_ENV: 'production', DATA_DIR: dir, LOG_LEVEL: 'silent', MOOD_SCORING: 'off' });
const database = await openDatabase(config.database);
const app = await createApp({ config, database });
const ctx = app.ctx;
const ws = await createWorkspace(ctx, {
  name: 'Bench',
  ownerEmail: 'bench@example.com',
  ownerName: 'Bench',
  ownerPassword: 'bench-password-9',
  inboxName: 'Web',
});
const conversations: string[] = [];
for (let i = 0; i < 3 * CONVERSATIONS; i++) {
  const visitorId = newId();
  await ctx.db
    .insertInto('visitors')
    .values({
      id: visitorId,
      workspace_id: ws.workspaceId,
      inbox_id: ws.inbox.id,
      token_hash: newId(),
      contact_id: null,
      verified_contact_id: null,
      page_url: null,
      page_title: null,
      referrer: null,
      user_agent: null,
      time_zone: null,
      locale: null,
      created_at: Date.now(),
      last_seen_at: null,
    })
    .execute();
  conversations.push((await startConversation(ctx.db, { workspaceId: ws.workspaceId, inboxId: ws.inbox.id, visitorId, now: Date.now() })).id);
}
/** Scores and stores STORED messages over CONVERSATIONS conversations (from `offset`), in the queue's batches. */
async function scoreAndStore(offset: number, cache?: MoodCache, sqlite?: SqliteMoodStore): Promise<{ cpuMs: number; wallMs: number; soured: number }> {
  const items: MoodItem[] = Array.from({ length: STORED }, (_, i) => ({
    workspaceId: ws.workspaceId,
    conversationId: conversations[offset + (i % CONVERSATIONS)]!,
    messageId: newId(),
    seq: Math.floor(i / CONVERSATIONS) + 1,
    body: corpus[i % corpus.length]!,
  }));
  // Scores are read through their messages (mood.repository.ts): the messages are there first, as in the server.
  for (let i = 0; i < items.length; i += 500) {
    await ctx.db
      .insertInto('messages')
      .values(
        items.slice(i, i + 500).map((it) => ({
          id: it.messageId,
          workspace_id: it.workspaceId,
          conversation_id: it.conversationId,
          seq: it.seq,
          client_id: null,
          author_kind: 'visitor',
          author_id: null,
          author_name: null,
          kind: 'text',
          body: it.body,
          attachments: '[]',
          event: null,
          created_at: Date.now(),
          rich: null,
        })),
      )
      .execute();
  }
  let soured = 0;
  const c0 = cpu();
  const w0 = performance.now();
  for (let i = 0; i < items.length; i += BATCH) soured += (await scoreMoods(ctx, { model, items: items.slice(i, i + BATCH), cache, sqlite })).soured.length;
  return { cpuMs: cpu() - c0, wallMs: performance.now() - w0, soured };
}
const reading = await scoreAndStore(0);
const kept = await scoreAndStore(CONVERSATIONS, new MoodCache());
const server = await scoreAndStore(2 * CONVERSATIONS, new MoodCache(), new SqliteMoodStore(database.sqlite!));
for (const [label, r] of [
  ['reading the stored state each batch through promises (PostgreSQL’s way)', reading],
  ['with what the node keeps, through promises', kept],
  ['with what the node keeps, one synchronous transaction a batch (the server on SQLite)', server],
] as const) {
  console.log(
    `Scored and stored (scoreMoods, SQLite, batches of ${BATCH}, ${CONVERSATIONS} conversations, ${label}): ${STORED} messages in ${r.wallMs.toFixed(0)} ms, ${((r.cpuMs / STORED) * 1000).toFixed(0)} µs CPU each; ${r.soured} turned souring`,
  );
}
const same = reading.soured === kept.soured && kept.soured === server.soured;
figure('the same trends every way', `${reading.soured} / ${kept.soured} / ${server.soured} turned souring`, 'equal', same);
const storeRate = (STORED / server.cpuMs) * 1000;
const readingRate = (STORED / reading.cpuMs) * 1000;
await app.close();
await database.close();
rmSync(dir, { recursive: true, force: true });

figure('mood scoring, model alone', `${Math.round(scoreRate).toLocaleString('en')} messages/s/core`, '>= 10,000', scoreRate >= 10_000);
figure('mood scoring, stored, reading state', `${Math.round(readingRate).toLocaleString('en')} messages/s/core`, '>= 2,000', readingRate >= 2000);
figure(
  'mood scoring, scored and stored',
  `${Math.round(storeRate).toLocaleString('en')} messages/s/core`,
  '>= 2,000 (2x the latency bench’s 1,000/s)',
  storeRate >= 2000,
);
