import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from './types.js';
import { packedId, packedUpdatedAt, packSummary, unpackSummary } from './summary-pack.js';

const base: ConversationSummary = {
  id: '0ABCDEFghijklmnopqrs',
  inboxId: '0ABCDEFinboxinboxinb',
  status: 'open',
  assigneeId: null,
  visitorId: '0ABCDEFvisitorvisito',
  contact: null,
  lastSeq: 0,
  lastMessage: null,
  visitorReadSeq: 0,
  operatorReadSeq: 0,
  unreadCount: 0,
  labels: [],
  snoozedUntil: null,
  mergedInto: null,
  rating: null,
  teamId: null,
  awaitingEmailReply: false,
  priority: 'normal',
  queuedAt: null,
  slaDueAt: null,
  slaTarget: null,
  slaWarnAt: null,
  slaBreachedAt: null,
  createdAt: 1_790_000_000_000,
  updatedAt: 1_790_000_000_000,
};

const busy: ConversationSummary = {
  ...base,
  status: 'pending',
  assigneeId: '0ABCDEFoperatoropera',
  contact: { id: '0ABCDEFcontactcontac', name: 'Ana "the tester" <b>', email: 'ana@example.com', createdAt: 1_790_000_000_500 },
  lastSeq: 42,
  lastMessage: {
    seq: 42,
    author: { kind: 'operator', id: '0ABCDEFoperatoropera', name: 'Olu' },
    preview: 'Ünïcødé, "quotes" and\nnew lines',
    createdAt: 1_790_000_009_000,
    files: 2,
  },
  unreadCount: 3,
  labels: ['0ABCDEFlabellabellab'],
  snoozedUntil: 1_790_000_100_000,
  rating: 4,
  teamId: '0ABCDEFteamteamteamte',
  awaitingEmailReply: true,
  visitorReadSeq: 40,
  operatorReadSeq: 41,
  updatedAt: 1_790_000_009_100,
};

describe('packed conversation summaries', () => {
  it.each([
    ['a new conversation', base],
    ['an assigned one with a contact and a last message', busy],
    [
      'a last message before later system lines',
      { ...busy, lastMessage: { seq: 40, author: { kind: 'visitor' as const, id: null, name: null }, preview: 'Earlier', createdAt: 1, files: 0 } },
    ],
    [
      'an SLA target due and an earlier one breached',
      { ...busy, slaDueAt: 1_790_000_900_000, slaTarget: 'resolution' as const, slaWarnAt: 1_790_000_700_000, slaBreachedAt: 1_790_000_050_000 },
    ],
    ['one whose visitor sounds upset', { ...busy, mood: 'negative' as const, moodConfidence: 0.74, moodTrend: 'souring' as const }],
  ])('survive JSON unchanged: %s', (_name, summary) => {
    const wire = JSON.parse(JSON.stringify(packSummary(summary)));
    expect(unpackSummary(wire)).toEqual(summary);
    expect(packedId(wire)).toBe(summary.id);
    expect(packedUpdatedAt(wire)).toBe(summary.updatedAt);
  });

  it('carry the mood only once there is one', () => {
    expect(packSummary(base)).not.toContain('souring');
    expect(packSummary({ ...base, mood: 'neutral', moodConfidence: 0.6, moodTrend: 'souring' })).toEqual(expect.arrayContaining(['neutral', 0.6, 'souring']));
  });

  it('take well under two thirds of the bytes of the plain object', () => {
    for (const s of [base, busy]) expect(JSON.stringify(packSummary(s)).length).toBeLessThan(JSON.stringify(s).length * 0.67);
  });

  it('read a summary packed before the SLA fields as without SLA', () => {
    const packed = packSummary({ ...busy, slaDueAt: 5, slaTarget: 'first_response', slaWarnAt: 4, slaBreachedAt: null });
    const older = JSON.parse(JSON.stringify(packed)).slice(0, packed.indexOf(5));
    const back = unpackSummary(older);
    expect([back.slaDueAt, back.slaTarget, back.slaWarnAt, back.slaBreachedAt]).toEqual([null, null, null, null]);
    expect(back.queuedAt).toBe(busy.queuedAt);
  });
});
