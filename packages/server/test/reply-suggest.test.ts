/**
 * Reply suggestions (G1) over real WebSockets and HTTP (SQLite): the
 * `suggestions` frame reaches the operator of the conversation's team, never
 * an operator of another team, within 300 ms of the visitor's message; an
 * earlier answer from a conversation of another team is never suggested to
 * an operator who may not see it (frame and HTTP); usage is recorded and
 * counted for supervisors.
 */
import type { ServerFrame } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';

type Suggestions = Extract<ServerFrame, { type: 'suggestions' }>;
const password = 'lantern-orchard-basalt';

let s: TestServer;
let admin: string;
const tokens: Record<string, string> = {};
const teams: Record<string, string> = {};
let ana: TestClient;
let ben: TestClient;
let websiteKey: string;

/** A visitor's conversation (its first message), in a team, answered by the operator given. */
async function conversation(first: string, teamId: string, reply?: { by: string; body: string }): Promise<{ id: string; visitor: TestClient }> {
  const v = await newVisitor(s.url, websiteKey);
  const visitor = visitorClient(s.wsUrl, websiteKey, v.visitorToken);
  await visitor.waitFor('welcome');
  const { conversationId } = await visitor.client.send({ body: first });
  expect((await api(s.url, `/api/v1/conversations/${conversationId}/team`, { token: admin, body: { teamId } })).status).toBe(200);
  if (reply) {
    const op = operatorClient(s.wsUrl, tokens[reply.by]!);
    await op.waitFor('welcome');
    await op.client.send({ conversationId, body: reply.body });
    op.close();
  }
  return { id: conversationId, visitor };
}

beforeAll(async () => {
  s = await startTestServer();
  admin = await login(s.url);
  websiteKey = s.websiteKey;
  for (const name of ['ana', 'ben']) {
    await api(s.url, '/api/v1/operators', { token: admin, body: { email: `${name}-g1@example.com`, name, role: 'operator', password } });
    tokens[name] = await login(s.url, { email: `${name}-g1@example.com`, password });
  }
  const ops = (await api<{ items: { id: string; email: string }[] }>(s.url, '/api/v1/operators', { token: admin })).body.items;
  const idOf = (name: string) => ops.find((o) => o.email === `${name}-g1@example.com`)!.id;
  teams.sales = (await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name: 'Sales', memberIds: [idOf('ana')] } })).body.id;
  teams.billing = (await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name: 'Billing', memberIds: [idOf('ben')] } })).body.id;
  const article = await api<{ id: string }>(s.url, '/api/v1/articles', {
    token: admin,
    body: {
      title: 'Resetting your password',
      slug: 'reset-password',
      description: 'Sign in again when you forgot your password',
      locale: 'en',
      categoryId: null,
      translationOf: null,
      body: 'Our shop keeps your account safe.\n\nTo reset your password, open Sign in, choose Forgot password and follow the link we email you.',
    },
  });
  await api(s.url, `/api/v1/articles/${article.body.id}/publish`, { token: admin, body: {} });
  await s.app.ctx.articles.settled();
  // Earlier answers about gift wrapping: one in Sales, one in Billing.
  await conversation('Do you offer gift wrapping for orders?', teams.sales!, { by: 'ana', body: 'Yes: gift wrapping costs 3 euros, tick it at checkout.' });
  await conversation('Can you gift wrap my order?', teams.billing!, { by: 'ben', body: 'Billing says: gift wrapping is free this month.' });
  ana = operatorClient(s.wsUrl, tokens.ana!);
  ben = operatorClient(s.wsUrl, tokens.ben!);
  await Promise.all([ana.waitFor('welcome'), ben.waitFor('welcome')]);
});
afterAll(async () => {
  ana?.close();
  ben?.close();
  await s?.close();
});

describe('the suggestions frame', () => {
  it('reaches the team’s operator within 300 ms with the article passage and its source, and never another team’s operator', { timeout: 90_000 }, async () => {
    const { id, visitor } = await conversation('Hello', teams.sales!);
    ana.client.subscribe(id, 0);
    await ana.waitFor('synced', (f) => f.conversationId === id);
    ben.client.subscribe(id, 0);
    const timings: number[] = [];
    // The first question after start reads the word vectors (seconds, once per process): measured apart.
    let cold = 0;
    for (let i = 0; i < 11; i++) {
      const started = performance.now();
      const ack = await visitor.client.send({ body: ['How do I reset my password?', 'How can I reset the password of my account?'][i % 2]! });
      const frame = await ana.waitFor('suggestions', (f) => f.conversationId === id && f.seq === ack.seq, i === 0 ? 60_000 : 10_000);
      if (i === 0) cold = performance.now() - started;
      else timings.push(performance.now() - started);
      expect(frame.suggestions[0]).toMatchObject({
        id: expect.stringMatching(/^article:/),
        source: { kind: 'article', title: 'Resetting your password', url: expect.stringMatching(/\/reset-password$/) },
      });
      expect(frame.suggestions[0]!.text).toContain('Forgot password');
      expect(frame.suggestions[0]!.text).not.toContain('keeps your account safe');
    }
    timings.sort((a, b) => a - b);
    const median = timings[Math.floor(timings.length / 2)]!;
    console.log(
      `reply suggestions: visitor send -> suggestions frame, ms: median ${median.toFixed(1)}, max ${timings.at(-1)!.toFixed(1)} (${timings.length} messages); the first after start ${cold.toFixed(0)}`,
    );
    expect(median).toBeLessThan(300);
    expect(ben.frames.some((f) => f.type === 'suggestions' && f.conversationId === id)).toBe(false);
    visitor.close();
  });

  it('carries earlier answers of the same team, never those of a conversation of another team', async () => {
    const { id, visitor } = await conversation('Hi there', teams.sales!);
    ana.client.subscribe(id, 0);
    await ana.waitFor('synced', (f) => f.conversationId === id);
    const ack = await visitor.client.send({ body: 'Do you do gift wrapping on orders?' });
    const frame: Suggestions = await ana.waitFor('suggestions', (f) => f.conversationId === id && f.seq === ack.seq);
    const texts = frame.suggestions.map((x) => x.text);
    expect(texts).toContain('Yes: gift wrapping costs 3 euros, tick it at checkout.');
    expect(frame.suggestions.find((x) => x.source.kind === 'answer')?.source.title).toBe('Earlier answer');
    expect(JSON.stringify(frame)).not.toContain('Billing says');

    // Over HTTP, each sees what they may: the owner both answers, Ana only her team's, Ben not the conversation.
    const get = (token: string) => api<{ seq: number; suggestions: { text: string }[] }>(s.url, `/api/v1/conversations/${id}/suggestions`, { token });
    const owner = await get(admin);
    expect(owner.status).toBe(200);
    expect(owner.body.seq).toBe(ack.seq);
    expect(owner.body.suggestions.map((x) => x.text)).toEqual(expect.arrayContaining(['Billing says: gift wrapping is free this month.']));
    const hers = await get(tokens.ana!);
    expect(hers.body.suggestions.map((x) => x.text)).toContain('Yes: gift wrapping costs 3 euros, tick it at checkout.');
    expect(JSON.stringify(hers.body)).not.toContain('Billing says');
    expect((await get(tokens.ben!)).status).toBe(404);
    visitor.close();
  });

  it('suggests nothing for a question nothing answers', async () => {
    const { id, visitor } = await conversation('Hey', teams.sales!);
    ana.client.subscribe(id, 0);
    await ana.waitFor('synced', (f) => f.conversationId === id);
    const ack = await visitor.client.send({ body: 'Is the weather nice in Lisbon?' });
    const frame = await ana.waitFor('suggestions', (f) => f.conversationId === id && f.seq === ack.seq);
    expect(frame.suggestions).toEqual([]);
    visitor.close();
  });
});

describe('the language model', () => {
  it('offers its draft first, with the passages it cites as the source; a draft citing nothing is dropped', async () => {
    const original = s.app.ctx.languageModel;
    const asked: { task: string; passages: string[] }[] = [];
    s.app.ctx.languageModel = {
      answer: async (req) => {
        asked.push({ task: req.task, passages: req.passages.map((p) => p.id) });
        return req.question.includes('cite nothing')
          ? { text: 'Made up.', citations: ['nothing-retrieved'] }
          : { text: 'Hello! Choose Forgot password on the Sign in page.', citations: [req.passages[0]!.id] };
      },
    };
    try {
      const { id, visitor } = await conversation('Hello', teams.sales!);
      ana.client.subscribe(id, 0);
      await ana.waitFor('synced', (f) => f.conversationId === id);
      const ack = await visitor.client.send({ body: 'How do I reset my password?' });
      const drafted = await ana.waitFor('suggestions', (f) => f.conversationId === id && f.seq === ack.seq && f.suggestions[0]?.source.kind === 'model');
      expect(drafted.suggestions[0]).toEqual({
        id: `model:${ack.seq}`,
        text: 'Hello! Choose Forgot password on the Sign in page.',
        source: { kind: 'model', title: 'Drafted from: Resetting your password' },
      });
      expect(drafted.suggestions[1]?.source.kind).toBe('article');
      expect(asked[0]).toMatchObject({ task: 'suggest', passages: [expect.stringMatching(/^article:/)] });
      const none = await visitor.client.send({ body: 'How do I reset my password? Please cite nothing' });
      const frames = () => ana.frames.filter((f) => f.type === 'suggestions' && f.conversationId === id && f.seq === none.seq);
      await ana.waitFor('suggestions', (f) => f.conversationId === id && f.seq === none.seq);
      await new Promise((r) => setTimeout(r, 200));
      expect(frames()).toHaveLength(1);
      expect(JSON.stringify(frames())).not.toContain('Made up');
      visitor.close();
    } finally {
      s.app.ctx.languageModel = original;
    }
  });
});

describe('an assignee outside the conversation’s team', () => {
  it('is in its team room, so earlier answers of that team stay out of the frame', async () => {
    const { id, visitor } = await conversation('Hi', teams.sales!);
    const benId = (await api<{ items: { id: string; email: string }[] }>(s.url, '/api/v1/operators', { token: admin })).body.items.find(
      (o) => o.email === 'ben-g1@example.com',
    )!.id;
    expect((await api(s.url, `/api/v1/conversations/${id}/assign`, { token: admin, body: { operatorId: benId } })).status).toBe(200);
    ben.client.subscribe(id, 0);
    await ben.waitFor('synced', (f) => f.conversationId === id);
    const ack = await visitor.client.send({ body: 'Do you do gift wrapping on orders?' });
    const frame = await ben.waitFor('suggestions', (f) => f.conversationId === id && f.seq === ack.seq);
    expect(JSON.stringify(frame)).not.toContain('3 euros');
    visitor.close();
  });
});

describe('usage', () => {
  it('records what operators did with suggestions and counts it for supervisors', async () => {
    const { id, visitor } = await conversation('How do I reset my password?', teams.sales!);
    const post = (token: string, suggestionId: string, action: string) =>
      api(s.url, `/api/v1/conversations/${id}/suggestions/events`, { token, body: { suggestionId, action } });
    for (const action of ['shown', 'inserted', 'sent']) expect((await post(tokens.ana!, 'article:abc', action)).status).toBe(204);
    expect((await post(tokens.ana!, 'answer:def', 'shown')).status).toBe(204);
    expect((await post(tokens.ana!, 'answer:def', 'ignored')).status).toBe(204);
    expect((await post(tokens.ana!, 'nonsense', 'shown')).status).toBe(400);
    expect((await post(tokens.ben!, 'article:abc', 'shown')).status).toBe(404);
    const stats = await api<Record<string, unknown>>(s.url, '/api/v1/assist/suggestions/stats', { token: admin });
    expect(stats.body).toMatchObject({ shown: 2, inserted: 1, sent: 1, edited: 0, ignored: 1, bySource: { article: { sent: 1 }, answer: { ignored: 1 } } });
    expect((await api(s.url, '/api/v1/assist/suggestions/stats', { token: tokens.ana! })).status).toBe(403);
    visitor.close();
  });
});
