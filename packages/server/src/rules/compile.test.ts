import { describe, expect, it } from 'vitest';
import { compileCondition, compileRules, type Facts, matching } from './compile.js';
import type { Condition, Rule } from './rule.js';

const facts = (over: Partial<Facts> = {}): Facts => ({
  inboxId: 'in1',
  teamId: 't1',
  priority: 'normal',
  attributes: { vip: true, plan: 'Gold', seats: 12, tags: ['beta', 'eu'] },
  labels: new Set(['l1']),
  pageUrl: 'https://shop.example.com/checkout/pay',
  mood: 'negative',
  teamOpen: false,
  ...over,
});

const holds = (c: Condition, f = facts()) => compileCondition(c)(f);

let n = 0;
const rule = (over: Partial<Rule>): Rule => ({
  id: `r${++n}`,
  workspaceId: 'w',
  name: `Rule ${n}`,
  position: n,
  enabled: true,
  event: { type: 'conversation_created' },
  conditions: [],
  actions: [{ type: 'set_priority', priority: 'urgent' }],
  ...over,
});

describe('rule conditions', () => {
  it('inbox, team (or none), priority, mood', () => {
    expect(holds({ field: 'inbox', op: 'is', inboxId: 'in1' })).toBe(true);
    expect(holds({ field: 'inbox', op: 'is_not', inboxId: 'in1' })).toBe(false);
    expect(holds({ field: 'team', op: 'is', teamId: 't1' })).toBe(true);
    expect(holds({ field: 'team', op: 'is', teamId: null }, facts({ teamId: null }))).toBe(true);
    expect(holds({ field: 'priority', op: 'is_not', priority: 'urgent' })).toBe(true);
    expect(holds({ field: 'mood', op: 'is', mood: 'negative' })).toBe(true);
    expect(holds({ field: 'mood', op: 'is', mood: 'negative' }, facts({ mood: null }))).toBe(false);
  });

  it('contact attributes by type: boolean, number, text without case, lists, set and not set', () => {
    expect(holds({ field: 'attribute', key: 'vip', op: 'is', value: true })).toBe(true);
    expect(holds({ field: 'attribute', key: 'vip', op: 'is', value: 'true' })).toBe(true);
    expect(holds({ field: 'attribute', key: 'vip', op: 'is', value: false })).toBe(false);
    expect(holds({ field: 'attribute', key: 'vip', op: 'is', value: true }, facts({ attributes: {} }))).toBe(false);
    expect(holds({ field: 'attribute', key: 'vip', op: 'is_not', value: true }, facts({ attributes: {} }))).toBe(true);
    expect(holds({ field: 'attribute', key: 'seats', op: 'is', value: 12 })).toBe(true);
    expect(holds({ field: 'attribute', key: 'plan', op: 'is', value: 'gold' })).toBe(true);
    expect(holds({ field: 'attribute', key: 'plan', op: 'contains', value: 'OL' })).toBe(true);
    expect(holds({ field: 'attribute', key: 'tags', op: 'is', value: 'eu' })).toBe(true);
    expect(holds({ field: 'attribute', key: 'plan', op: 'set' })).toBe(true);
    expect(holds({ field: 'attribute', key: 'nothing', op: 'not_set' })).toBe(true);
  });

  it('labels, page URL, business hours', () => {
    expect(holds({ field: 'label', op: 'has', labelId: 'l1' })).toBe(true);
    expect(holds({ field: 'label', op: 'has_not', labelId: 'l1' })).toBe(false);
    expect(holds({ field: 'page_url', op: 'contains', value: '/CHECKOUT' })).toBe(true);
    expect(holds({ field: 'page_url', op: 'starts_with', value: 'https://shop.example.com/checkout' })).toBe(true);
    expect(holds({ field: 'page_url', op: 'starts_with', value: '/checkout' })).toBe(false);
    expect(holds({ field: 'page_url', op: 'contains', value: 'x' }, facts({ pageUrl: null }))).toBe(false);
    expect(holds({ field: 'hours', op: 'closed' })).toBe(true);
    expect(holds({ field: 'hours', op: 'open' })).toBe(false);
  });
});

describe('compiled rules', () => {
  it('match in position order, only enabled ones, only for their event, every condition holding', () => {
    const a = rule({ position: 2, conditions: [{ field: 'attribute', key: 'vip', op: 'is', value: true }] });
    const b = rule({ position: 1 });
    const off = rule({ position: 0, enabled: false });
    const other = rule({ event: { type: 'mood_soured' } });
    const not = rule({
      conditions: [
        { field: 'attribute', key: 'vip', op: 'is', value: true },
        { field: 'priority', op: 'is', priority: 'low' },
      ],
    });
    const c = compileRules([a, b, off, other, not]);
    expect(matching(c, { type: 'conversation_created' }, facts()).map((r) => r.id)).toEqual([b.id, a.id]);
    expect(matching(c, { type: 'mood_soured' }, facts()).map((r) => r.id)).toEqual([other.id]);
    expect(matching(c, { type: 'visitor_message' }, facts())).toEqual([]);
  });

  it('index time events by their minutes, and say what facts they need', () => {
    const c = compileRules([
      rule({ event: { type: 'waited', minutes: 5 }, conditions: [{ field: 'hours', op: 'open' }] }),
      rule({ event: { type: 'waited', minutes: 15 } }),
      rule({ event: { type: 'no_first_reply', minutes: 10 }, conditions: [{ field: 'page_url', op: 'contains', value: 'x' }] }),
    ]);
    expect(c.waitedMinutes.sort((x, y) => x - y)).toEqual([5, 15]);
    expect(c.firstReplyMinutes).toEqual([10]);
    expect(c.needs.get('waited:5')).toEqual({ attributes: false, page: false, hours: true });
    expect(c.needs.get('no_first_reply:10')).toEqual({ attributes: false, page: true, hours: false });
    expect(matching(c, { type: 'waited', minutes: 15 }, facts())).toHaveLength(1);
    expect(matching(c, { type: 'waited', minutes: 5 }, facts())).toHaveLength(0);
  });
});
