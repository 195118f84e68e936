import type { ConversationSummaryDto } from '@switchboard/protocol';
import { describe, expect, it } from 'vitest';
import { isForReceiver, withSummary } from './summary-api';

const s = (id: string, createdAt: number, over: Partial<ConversationSummaryDto> = {}): ConversationSummaryDto => ({
  id,
  conversationId: 'c1',
  reason: 'request',
  problem: [],
  done: [],
  pending: [],
  source: 'extractive',
  createdAt,
  createdBy: null,
  ...over,
});

describe('withSummary', () => {
  it('keeps one copy of each summary, the latest first', () => {
    const list = withSummary(withSummary([], s('a', 1)), s('b', 2));
    expect(withSummary(list, s('a', 1)).map((x) => x.id)).toEqual(['b', 'a']);
    expect(withSummary(list, s('c', 0)).map((x) => x.id)).toEqual(['b', 'a', 'c']);
  });
});

describe('isForReceiver', () => {
  it('is a transfer, escalation or handover made by someone else', () => {
    expect(isForReceiver(s('a', 1, { reason: 'transfer', createdBy: 'ana' }), 'bo')).toBe(true);
    expect(isForReceiver(s('a', 1, { reason: 'handover' }), 'bo')).toBe(true);
    expect(isForReceiver(s('a', 1, { reason: 'transfer', createdBy: 'bo' }), 'bo')).toBe(false);
    expect(isForReceiver(s('a', 1, { reason: 'request', createdBy: 'ana' }), 'bo')).toBe(false);
  });
});
