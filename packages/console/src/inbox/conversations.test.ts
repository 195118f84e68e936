import { describe, expect, it } from 'vitest';
import { after, summary } from '../test/fixtures';
import { byActivity, inView, listOf, newer, nextUnread, shortId, titleFor, totalUnread, visitorName } from './conversations';

describe('inbox views', () => {
  const mine = summary({ id: 'a', assigneeId: 'me', updatedAt: 3000 });
  const theirs = summary({ id: 'b', assigneeId: 'other', updatedAt: 2000 });
  const nobody = summary({ id: 'c', updatedAt: 4000 });
  const resolved = summary({ id: 'd', status: 'resolved', updatedAt: 5000 });
  const all = { a: mine, b: theirs, c: nobody, d: resolved };

  it.each([
    ['mine', 'open', ['a']],
    ['unassigned', 'open', ['c']],
    ['all', 'open', ['c', 'a', 'b']],
    ['all', 'resolved', ['d']],
    ['mine', 'pending', []],
  ] as const)('%s / %s lists %j, newest activity first', (view, status, ids) => {
    expect(listOf(all, view, status, 'me').map((c) => c.id)).toEqual(ids);
  });

  it('shows nothing as Mine before the operator is known', () => {
    expect(inView(summary({ id: 'x', assigneeId: null }), 'mine', 'open', null)).toBe(false);
  });

  it('moves a conversation between views when a frame changes its assignee', () => {
    const taken = { ...nobody, assigneeId: 'me', updatedAt: 6000 };
    const next = { ...all, c: newer(all.c, taken) };
    expect(listOf(next, 'unassigned', 'open', 'me')).toEqual([]);
    expect(listOf(next, 'mine', 'open', 'me').map((c) => c.id)).toEqual(['c', 'a']);
  });

  it('orders ties by id so the list does not jump', () => {
    const x = summary({ id: 'x', updatedAt: 1 });
    const y = summary({ id: 'y', updatedAt: 1 });
    expect([x, y].sort(byActivity).map((c) => c.id)).toEqual(['y', 'x']);
  });
});

describe('merging summaries', () => {
  it('keeps the newer summary when an older one arrives late', () => {
    const c = summary({ id: 'a' });
    const later = after(c, 2);
    expect(newer(later, c)).toEqual(later);
    expect(newer(c, later)).toEqual(later);
  });

  it('never moves read positions back', () => {
    const c = { ...summary({ id: 'a' }), visitorReadSeq: 5, operatorReadSeq: 4 };
    const next = { ...after(c, 6), visitorReadSeq: 3, operatorReadSeq: 1 };
    expect(newer(c, next)).toMatchObject({ lastSeq: 6, visitorReadSeq: 5, operatorReadSeq: 4 });
  });
});

describe('unread counting', () => {
  const c = summary({ id: 'a', lastSeq: 1 });

  it('counts a new conversation from its first visitor message', () => {
    expect(nextUnread(undefined, c, 0, false)).toBe(1);
  });

  it('adds each new visitor message off screen', () => {
    const two = after(c, 2);
    expect(nextUnread(c, two, 1, false)).toBe(2);
    expect(nextUnread(two, after(two, 3), 2, false)).toBe(3);
  });

  it('counts every message of a coalesced summary (the server batches them per ~100 ms)', () => {
    expect(nextUnread(c, after(c, 4), 1, false)).toBe(4);
  });

  it('is zero for the conversation on screen', () => {
    expect(nextUnread(c, after(c, 2), 1, true)).toBe(0);
  });

  it('clears when an operator answers or reads up to the end', () => {
    expect(nextUnread(c, after(c, 2, 'operator'), 3, false)).toBe(0);
    expect(nextUnread(c, { ...c, operatorReadSeq: 1 }, 1, false)).toBe(0);
  });

  it('ignores system lines and repeated frames', () => {
    expect(nextUnread(c, after(c, 2, 'system'), 1, false)).toBe(1);
    expect(nextUnread(c, c, 1, false)).toBe(1);
  });

  it('starts a conversation first seen later from its read position', () => {
    const old = { ...after(c, 7), operatorReadSeq: 4 };
    expect(nextUnread(undefined, old, 0, false)).toBe(3);
  });

  it('puts the total in the page title', () => {
    expect(totalUnread({ a: 2, b: 0, c: 1 })).toBe(3);
    expect(titleFor(3)).toBe('(3) Switchboard');
    expect(titleFor(0)).toBe('Switchboard');
  });
});

describe('visitor names', () => {
  it('prefers the contact name, then email, then a short id', () => {
    const base = summary({ id: 'a', visitorId: 'vis_abc-123xyz' });
    const contact = { id: 'k', name: 'Maya Chen', email: 'maya@example.com', createdAt: 0 };
    expect(visitorName({ ...base, contact })).toBe('Maya Chen');
    expect(visitorName({ ...base, contact: { ...contact, name: null } })).toBe('maya@example.com');
    expect(visitorName({ ...base, contact: { ...contact, name: '  ', email: null } })).toBe('Visitor 123XYZ');
    expect(visitorName(base)).toBe('Visitor 123XYZ');
    expect(shortId('a-b')).toBe('AB');
  });
});
