import { describe, expect, it } from 'vitest';
import { PairIndex, pairsOf } from './pair-index.js';
import { pairsFromRows } from './pair-store.js';

const make = () => PairIndex.create({ wordVectors: null, maxPairs: 3 });

describe('pairsOf', () => {
  it('pairs the visitor messages since the last operator reply with the reply that followed', () => {
    const m = (id: string, author: 'visitor' | 'operator', body: string) => ({ id, conversationId: 'c', author, body });
    expect(
      pairsOf([
        m('1', 'operator', 'Hi!'),
        m('2', 'visitor', 'My parcel'),
        m('3', 'visitor', 'is late'),
        m('4', 'operator', 'Sorry, let me check'),
        m('5', 'operator', 'It ships today'),
      ]),
    ).toEqual([{ id: '4', conversationId: 'c', question: 'My parcel\nis late', answer: 'Sorry, let me check' }]);
  });

  it('reads rows of many conversations in any order', () => {
    const rows = [
      { id: 'b2', conversation_id: 'b', author_kind: 'operator', body: 'Yes', seq: 2 },
      { id: 'a2', conversation_id: 'a', author_kind: 'operator', body: 'No', seq: 2 },
      { id: 'b1', conversation_id: 'b', author_kind: 'visitor', body: 'Open today?', seq: 1 },
      { id: 'a1', conversation_id: 'a', author_kind: 'visitor', body: 'Free shipping?', seq: 1 },
    ];
    expect(pairsFromRows(rows).map((p) => [p.id, p.question])).toEqual(
      expect.arrayContaining([
        ['a2', 'Free shipping?'],
        ['b2', 'Open today?'],
      ]),
    );
  });
});

describe('PairIndex', () => {
  it('finds the answer given to a similar question, and nothing for an unrelated one', async () => {
    const index = await make();
    index.add({ id: 'r1', conversationId: 'c1', question: 'How can I reset my password?', answer: 'Use Forgot password on the sign-in page.' });
    index.add({ id: 'r2', conversationId: 'c2', question: 'When will my parcel arrive?', answer: 'Parcels arrive within a week.' });
    const found = index.search('I forgot my password, how do I reset it?');
    expect(found[0]).toMatchObject({ id: 'r1', answer: 'Use Forgot password on the sign-in page.' });
    expect(found[0]!.similarity).toBeGreaterThanOrEqual(0.6);
    expect(index.search('Do you sell gift cards?')).toEqual([]);
  });

  it('leaves out the conversation asking, and the same answer twice', async () => {
    const index = await make();
    index.add({ id: 'r1', conversationId: 'c1', question: 'reset password', answer: 'Use Forgot password.' });
    index.add({ id: 'r2', conversationId: 'c2', question: 'reset my password', answer: 'use forgot password.' });
    expect(index.search('reset password').map((p) => p.id)).toHaveLength(1);
    expect(index.search('reset password', { exceptConversationId: 'c1' }).map((p) => p.id)).toEqual(['r2']);
  });

  it('keeps at most maxPairs, the oldest leave first', async () => {
    const index = await make();
    for (const [i, q] of ['refund order', 'shipping time', 'gift cards', 'password reset'].entries()) {
      index.add({ id: `r${i}`, conversationId: `c${i}`, question: q, answer: `answer ${i}` });
    }
    expect(index.size).toBe(3);
    expect(index.search('refund order')).toEqual([]);
    expect(index.search('password reset')[0]?.id).toBe('r3');
  });
});
