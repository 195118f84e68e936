import { MoodModel } from '@switchboard/assist';
import { describe, expect, it } from 'vitest';
import { addScores, MoodCache } from './mood-cache.js';
import { MoodQueue } from './mood-queue.js';
import type { MoodItem } from './mood.js';
import { scoreTexts, trendOf } from './score-moods.js';

const item = (seq: number, body: string): MoodItem => ({ workspaceId: 'w', conversationId: 'c', messageId: `m${seq}`, seq, body });

describe('scoring moods', () => {
  const model = MoodModel.lexicon();

  it('reads "This is the third time I\'m asking, this is ridiculous" as negative, and souring from the start', () => {
    const [s] = scoreTexts(model, [item(1, "This is the third time I'm asking, this is ridiculous")]);
    expect(s).toMatchObject({ mood: 'negative', seq: 1 });
    expect(s!.confidence).toBeGreaterThan(0.5);
    expect(trendOf([s!])).toBe('souring');
  });

  it('keeps a calm conversation steady and sees one get better', () => {
    const calm = scoreTexts(model, [item(1, 'Hello, where is my order?'), item(2, 'It is number 1234')]);
    expect(trendOf(calm)).toBe('steady');
    const better = scoreTexts(model, [item(1, 'This is useless'), item(2, 'Still broken'), item(3, 'Oh great, thank you so much, that helped!')]);
    expect(trendOf(better)).toBe('improving');
  });

  it('skips empty texts and cuts very long ones', () => {
    expect(scoreTexts(model, [item(1, '   ')])).toEqual([]);
    expect(scoreTexts(model, [item(1, 'great '.repeat(10_000))])[0]!.mood).toBe('positive');
  });
});

describe('the mood queue', () => {
  it('never runs a batch in the turn that added it, runs batches one at a time, and stays bounded', async () => {
    const batches: number[] = [];
    let running = 0;
    const q = new MoodQueue({
      batch: 2,
      max: 5,
      delayMs: 0,
      onError: () => {},
      run: async (items) => {
        expect(++running).toBe(1);
        batches.push(items.length);
        await Promise.resolve();
        running--;
      },
    });
    for (let i = 1; i <= 7; i++) q.add(item(i, 'hi'));
    expect(batches).toEqual([]);
    expect(q.dropped).toBe(2);
    await q.idle();
    expect(batches).toEqual([2, 2, 1]);
    expect(q.waiting).toBe(0);
  });

  it('goes on after a failing batch', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const q = new MoodQueue({ batch: 1, onError: (e) => errors.push(e), run: async () => (++calls === 1 ? Promise.reject(new Error('db down')) : undefined) });
    q.add(item(1, 'a'));
    q.add(item(2, 'b'));
    await q.idle();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });
});

describe('what a node keeps of moods', () => {
  const score = (seq: number) => ({ seq, mood: 'neutral' as const, valence: 0 });

  it('adds a batch in order, once each, within the trend window', () => {
    expect(addScores([score(1), score(3)], [score(2), score(3), score(5)], 60, 12).map((s) => s.seq)).toEqual([1, 2, 3, 5]);
    expect(addScores([score(1), score(2)], [score(70)], 60, 12).map((s) => s.seq)).toEqual([70]);
    expect(
      addScores(
        [],
        Array.from({ length: 20 }, (_, i) => score(i + 1)),
        60,
        12,
      ).map((s) => s.seq),
    ).toEqual(Array.from({ length: 12 }, (_, i) => i + 9));
  });

  it('forgets the least recently scored conversation first', () => {
    const cache = new MoodCache(2);
    const entry = { mood: null, confidence: null, trend: null, recent: [] };
    cache.set('a', entry);
    cache.set('b', entry);
    cache.set('a', entry);
    cache.set('c', entry);
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map(Boolean)).toEqual([true, false, true]);
    cache.forget('a');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(1);
  });
});
