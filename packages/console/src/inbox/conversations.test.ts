import { describe, expect, it } from 'vitest';
import { after, summary } from '../test/fixtures';
import { byActivity, countLabel, inView, isNewVisitorMessage, listOf, newer, shortId, titleFor, totalUnread, unreadOf, visitorName } from './conversations';

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
    ['resolved', 'open', ['d']],
    ['mine', 'pending', []],
  ] as const)('%s / %s lists %j, newest activity first', (view, status, ids) => {
    expect(listOf(all, { view, status, meId: 'me' }).map((c) => c.id)).toEqual(ids);
  });

  it('lists snoozed conversations in Snoozed only, and filters every view by label', () => {
    const snoozed = summary({ id: 's', status: 'snoozed', labels: ['vip'], updatedAt: 6000 });
    const withSnoozed = { ...all, s: snoozed, a: { ...mine, labels: ['vip'] } };
    expect(listOf(withSnoozed, { view: 'snoozed', status: 'open', meId: 'me' }).map((c) => c.id)).toEqual(['s']);
    expect(listOf(withSnoozed, { view: 'all', status: 'open', meId: 'me' }).map((c) => c.id)).not.toContain('s');
    expect(listOf(withSnoozed, { view: 'all', status: 'open', meId: 'me', label: 'vip' }).map((c) => c.id)).toEqual(['a']);
  });

  it('lists the conversations with my unseen mentions in Mentions', () => {
    expect(listOf(all, { view: 'mentions', status: 'open', meId: 'me', mentioned: { b: true } }).map((c) => c.id)).toEqual(['b']);
  });

  it('writes counts as they are, and the cap with a plus', () => {
    expect(countLabel(12, 10_000)).toBe('12');
    expect(countLabel(10_001, 10_000)).toBe('10,000+');
  });

  it('shows nothing as Mine before the operator is known', () => {
    expect(inView(summary({ id: 'x', assigneeId: null }), { view: 'mine', status: 'open', meId: null })).toBe(false);
  });

  it('moves a conversation between views when a frame changes its assignee', () => {
    const taken = { ...nobody, assigneeId: 'me', updatedAt: 6000 };
    const next = { ...all, c: newer(all.c, taken) };
    expect(listOf(next, { view: 'unassigned', status: 'open', meId: 'me' })).toEqual([]);
    expect(listOf(next, { view: 'mine', status: 'open', meId: 'me' }).map((c) => c.id)).toEqual(['c', 'a']);
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

  it('shows the server’s count off screen and none on screen', () => {
    expect(unreadOf(after(c, 3), false)).toBe(3);
    expect(unreadOf(after(c, 3), true)).toBe(0);
  });

  it('takes a system line for no new visitor message', () => {
    const line = after(c, 2, 'system');
    expect(line.lastMessage).toEqual(c.lastMessage);
    expect(isNewVisitorMessage(c, line)).toBe(false);
    expect(isNewVisitorMessage(line, after(line, 3))).toBe(true);
    expect(isNewVisitorMessage(c, after(c, 2, 'operator'))).toBe(false);
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
