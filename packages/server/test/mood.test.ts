/**
 * Mood end to end on one node: a visitor's message is acknowledged before it
 * is scored (scoring runs after the commit, off the send and ack path); the
 * score is stored per message and on the conversation, operators get a
 * `mood` frame and the summary, and a souring trend emits `mood.soured` once.
 */
import type { ConversationSummary, MessageDto, MoodFrame } from '@switchboard/protocol';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { createPgSchema, hasPostgres, PG_URL } from '../../../test/support/services.js';
import type { EventOf } from '../src/events/events.js';
import { TREND_WINDOW } from '../src/mood/mood.js';
import { recentMoods } from '../src/mood/mood.repository.js';
import { trendOf } from '../src/mood/score-moods.js';

let s: TestServer;
let admin: string;
let console_: TestClient;
const soured: EventOf<'mood.soured'>[] = [];
const open: TestClient[] = [];

beforeAll(async () => {
  s = await startTestServer();
  admin = await login(s.url);
  console_ = operatorClient(s.wsUrl, admin);
  await console_.waitFor('welcome');
  s.app.ctx.events.on('mood.soured', (e) => void soured.push(e));
});
afterAll(async () => {
  for (const c of [...open, console_]) c.close();
  await s.close();
});

async function visitor(): Promise<TestClient> {
  const v = await newVisitor(s.url, s.websiteKey);
  const client = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  open.push(client);
  await client.waitFor('welcome');
  return client;
}

const conversation = async (id: string) => (await api<ConversationSummary>(s.url, `/api/v1/conversations/${id}`, { token: admin })).body;
const history = async (id: string) => (await api<{ messages: MessageDto[] }>(s.url, `/api/v1/conversations/${id}/messages`, { token: admin })).body.messages;

describe('mood', () => {
  it('acknowledges a message before scoring it, then stores its mood and the conversation’s', async () => {
    const v = await visitor();
    const hello = await v.client.send({ body: 'Hello' });
    await s.app.moods!.idle();
    console_.client.subscribe(hello.conversationId);
    await console_.waitFor('synced', (f) => f.conversationId === hello.conversationId);
    const ack = await v.client.send({ body: "This is the third time I'm asking, this is ridiculous", conversationId: hello.conversationId });
    // Acked: stored, and not scored yet (scoring waits for a later turn of the event loop).
    const moods = () => s.app.ctx.db.selectFrom('message_moods').selectAll().where('conversation_id', '=', ack.conversationId).orderBy('seq').execute();
    expect((await moods()).map((r) => Number(r.seq))).toEqual([1]);
    await s.app.moods!.idle();
    expect((await moods())[1]).toMatchObject({ mood: 'negative', seq: 2 });
    const c = await conversation(ack.conversationId);
    expect(c).toMatchObject({ mood: 'negative', moodTrend: 'souring' });
    expect(c.moodConfidence).toBeGreaterThan(0.5);
    const messages = await history(ack.conversationId);
    expect(messages.find((m) => m.seq === 2)!.mood).toMatchObject({ mood: 'negative' });
    // Operators hear of it live: the message's mark and the summary.
    await console_.waitFor('moods', (f) => f.moods.some((m) => m.conversationId === ack.conversationId && m.seq === 2 && m.mood.mood === 'negative'));
    await console_.waitFor('conversation', (f) => f.conversation.id === ack.conversationId && f.conversation.moodTrend === 'souring');
    // The visitor never sees a mood.
    expect(v.frames.some((f) => f.type === 'mood' || f.type === 'moods')).toBe(false);
    expect(v.frames.flatMap((f) => (f.type === 'conversation' ? [f.conversation] : [])).every((x) => x.mood === undefined)).toBe(true);
  });

  it('tells a console the scores of one batch in one moods frame, not one frame per message', async () => {
    const v = await visitor();
    const first = await v.client.send({ body: 'Hello' });
    await s.app.moods!.idle();
    console_.client.subscribe(first.conversationId);
    await console_.waitFor('synced', (f) => f.conversationId === first.conversationId);
    const bodies = ['Where is my parcel?', 'This is unacceptable', 'Thanks, that is great'];
    // Sent together: stored in one commit, scored in one batch, so their frames are written in one turn.
    await Promise.all(bodies.map((body) => v.client.send({ body, conversationId: first.conversationId })));
    const mine = (f: { moods: MoodFrame[] }) => f.moods.filter((m) => m.conversationId === first.conversationId);
    const frame = await console_.waitFor('moods', (f) => mine(f).length > 0);
    // Told in one frame, oldest first.
    expect(mine(frame).map((m) => m.seq)).toEqual([2, 3, 4]);
    expect(mine(frame).map((m) => m.mood.mood)).toEqual(['neutral', 'negative', 'positive']);
    expect(console_.frames.some((f) => f.type === 'mood')).toBe(false);
  });

  it('emits mood.soured once when the trend turns souring, not for each message', async () => {
    const v = await visitor();
    const first = await v.client.send({ body: 'Hi, thanks, I have a quick question about my order' });
    await s.app.moods!.idle();
    expect((await conversation(first.conversationId)).moodTrend).not.toBe('souring');
    const before = soured.length;
    for (const body of ['Still nothing, this is frustrating', 'This is useless and unacceptable', 'Worst service ever, I want a refund']) {
      await v.client.send({ body, conversationId: first.conversationId });
      await s.app.moods!.idle();
    }
    const mine = soured.slice(before).filter((e) => e.conversationId === first.conversationId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.confidence).toBeGreaterThan(0);
    expect(await conversation(first.conversationId)).toMatchObject({ mood: 'negative', moodTrend: 'souring' });
  });

  it('keeps, batch after batch, the trend the stored scores give (what the node keeps of them matches the database)', async () => {
    const v = await visitor();
    const first = await v.client.send({ body: 'Hello there' });
    const id = first.conversationId;
    const rounds = [
      ['This is useless', 'Still broken, unacceptable'],
      ['Worst service ever'],
      ['Oh great, thank you so much, that helped!', 'Perfect, thanks', 'Lovely, thank you'],
      ['Hmm, where is the invoice?'],
    ];
    for (const bodies of rounds) {
      // Several in one batch, then one batch each.
      for (const body of bodies) await v.client.send({ body, conversationId: id });
      await s.app.moods!.idle();
      const stored = await recentMoods(s.app.ctx.db, id, TREND_WINDOW);
      const c = await conversation(id);
      expect(c.moodTrend).toBe(trendOf(stored));
      expect(c.mood).toBe(stored[stored.length - 1]!.mood);
    }
    expect((await recentMoods(s.app.ctx.db, id, 100)).length).toBe(8);
  });

  it('reads a conversation’s scores through its messages’ index and each score by its message, never by scanning', async () => {
    const plan = (
      await sql<{ detail: string }>`explain query plan select m.seq, mm.mood, mm.valence from messages m join message_moods mm on mm.message_id = m.id
        where m.conversation_id = ${'c'} and m.seq > ${1} order by m.seq`.execute(s.app.ctx.db)
    ).rows.map((r) => r.detail);
    expect(plan.join(' | ')).toMatch(/SEARCH m USING INDEX messages_seq/);
    expect(plan.join(' | ')).toMatch(/SEARCH mm USING INDEX sqlite_autoindex_message_moods_1/);
    expect(plan.join(' | ')).not.toMatch(/SCAN/);
  });

  it('scores nothing of operators', async () => {
    const v = await visitor();
    const ack = await v.client.send({ body: 'Hello' });
    await api(s.url, `/api/v1/conversations/${ack.conversationId}/messages`, { token: admin, body: { body: 'This is ridiculous' } });
    await s.app.moods!.idle();
    const rows = await s.app.ctx.db.selectFrom('message_moods').select('seq').where('conversation_id', '=', ack.conversationId).execute();
    expect(rows.map((r) => Number(r.seq))).toEqual([1]);
  });
});

/**
 * SQLite stores a batch in one synchronous transaction (mood-sqlite.ts), reading the stored
 * state where this node does not know it; through promises otherwise. Every way ends with the
 * trend the stored scores give.
 */
describe.each([
  { name: 'synchronously, reading the stored state (no cache)', env: { MOOD_CACHE: 'off' } },
  { name: 'through promises (no synchronous storage)', env: { MOOD_SYNC: 'off' } },
])('mood stored $name', ({ env }) => {
  it('keeps, batch after batch, the trend and the mood the stored scores give', async () => {
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    const other = await startTestServer();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    const token = await login(other.url);
    const v = await newVisitor(other.url, other.websiteKey);
    const client = visitorClient(other.wsUrl, other.websiteKey, v.visitorToken);
    try {
      await client.waitFor('welcome');
      const id = (await client.client.send({ body: 'Hello there' })).conversationId;
      for (const bodies of [
        ['This is useless', 'Still broken, unacceptable'],
        ['Worst service ever'],
        ['Oh great, thank you so much, that helped!', 'Perfect, thanks'],
        ['Hmm'],
      ]) {
        for (const body of bodies) await client.client.send({ body, conversationId: id });
        await other.app.moods!.idle();
        const stored = await recentMoods(other.app.ctx.db, id, TREND_WINDOW);
        const c = (await api<ConversationSummary>(other.url, `/api/v1/conversations/${id}`, { token })).body;
        expect(c.moodTrend).toBe(trendOf(stored));
        expect(c.mood).toBe(stored[stored.length - 1]!.mood);
      }
      expect((await recentMoods(other.app.ctx.db, id, 100)).length).toBe(7);
    } finally {
      client.close();
      await other.close();
    }
  });
});

describe('mood scoring off', () => {
  it('MOOD_SCORING=off scores nothing', async () => {
    const off = await startTestServer({ env: { MOOD_SCORING: 'off' } });
    try {
      expect(off.app.moods).toBeNull();
      const v = await newVisitor(off.url, off.websiteKey);
      const client = visitorClient(off.wsUrl, off.websiteKey, v.visitorToken);
      await client.waitFor('welcome');
      const ack = await client.client.send({ body: 'This is ridiculous' });
      client.close();
      const token = await login(off.url);
      const c = (await api<ConversationSummary>(off.url, `/api/v1/conversations/${ack.conversationId}`, { token })).body;
      expect(c.mood).toBeUndefined();
    } finally {
      await off.close();
    }
  });
});

describe.skipIf(!hasPostgres)('mood on PostgreSQL', () => {
  it('stores the scores, the conversation’s mood and trend, and reads them back', async () => {
    const schema = await createPgSchema();
    const pg = await startTestServer({ env: { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema.schema } });
    try {
      const v = await newVisitor(pg.url, pg.websiteKey);
      const client = visitorClient(pg.wsUrl, pg.websiteKey, v.visitorToken);
      await client.waitFor('welcome');
      const first = await client.client.send({ body: 'Hello, thanks' });
      await client.client.send({ body: "This is the third time I'm asking, this is ridiculous", conversationId: first.conversationId });
      await pg.app.moods!.idle();
      client.close();
      const token = await login(pg.url);
      const c = (await api<ConversationSummary>(pg.url, `/api/v1/conversations/${first.conversationId}`, { token })).body;
      expect(c).toMatchObject({ mood: 'negative', moodTrend: 'souring' });
      const messages = (await api<{ messages: MessageDto[] }>(pg.url, `/api/v1/conversations/${first.conversationId}/messages`, { token })).body.messages;
      expect(messages.map((m) => m.mood?.mood)).toEqual(['positive', 'negative']);
      expect((await api(pg.url, '/api/v1/wall', { token })).status).toBe(200);
    } finally {
      await pg.close();
      await schema.drop();
    }
  });
});
