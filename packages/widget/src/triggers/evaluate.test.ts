/**
 * The triggers' evaluation in the visitor's browser (evaluate.ts), in node:
 * every condition, the caps, the delay, "only when", exit intent never on
 * touch devices, and the A/B split (stable per visitor, near the share set).
 */
import type { WidgetTrigger } from '@switchboard/protocol';
import { describe, expect, it } from 'vitest';
import { capAllows, conditionsHold, globMatch, nextVisit, type PageState, pick, propertyHolds, utmOf, variantOf, VISIT_GAP_MS } from './evaluate.js';

const NOW = 1_800_000_000_000;
const page = (over: Partial<PageState> = {}): PageState => ({
  url: 'https://shop.example/products/lamp',
  referrer: 'https://www.google.com/search?q=lamp',
  utm: { source: 'newsletter', medium: 'email', campaign: 'spring' },
  now: NOW,
  pageSince: NOW - 5000,
  pagesViewed: 2,
  returning: false,
  events: [],
  exited: false,
  touch: false,
  available: true,
  open: true,
  visitId: 'v1',
  shown: {},
  ...over,
});
const trigger = (over: Partial<WidgetTrigger> = {}): WidgetTrigger => ({
  id: 't1',
  conditions: {},
  a: 'Hello',
  b: null,
  split: 100,
  delay: 0,
  frequency: { per: 'visitor' },
  onlyWhen: 'always',
  sender: { name: 'Maya', avatarUrl: null },
  ...over,
});

describe('URL patterns', () => {
  it('match the whole URL, * standing for any run of characters, other characters as themselves', () => {
    expect(globMatch('*/products/*', 'https://shop.example/products/lamp')).toBe(true);
    expect(globMatch('*/products/*', 'https://shop.example/cart')).toBe(false);
    expect(globMatch('https://shop.example/cart', 'https://shop.example/cart')).toBe(true);
    expect(globMatch('https://shop.example/cart', 'https://shop.example/cart?x=1')).toBe(false);
    expect(globMatch('*.example/a+b', 'https://shop.example/a+b')).toBe(true);
    expect(globMatch('*.example/a+b', 'https://shopXexample/aab')).toBe(false);
  });
});

describe('conditions', () => {
  it('all hold when none is set', () => {
    expect(conditionsHold({}, page())).toBe(true);
  });
  it('time on page: seconds since the page opened', () => {
    expect(conditionsHold({ timeOnPage: 5 }, page())).toBe(true);
    expect(conditionsHold({ timeOnPage: 6 }, page())).toBe(false);
  });
  it('pages viewed in the visit, at least', () => {
    expect(conditionsHold({ pagesViewed: 2 }, page())).toBe(true);
    expect(conditionsHold({ pagesViewed: 3 }, page())).toBe(false);
  });
  it('new or returning visitors', () => {
    expect(conditionsHold({ visitors: 'new' }, page())).toBe(true);
    expect(conditionsHold({ visitors: 'returning' }, page())).toBe(false);
    expect(conditionsHold({ visitors: 'returning' }, page({ returning: true }))).toBe(true);
    expect(conditionsHold({ visitors: 'new' }, page({ returning: true }))).toBe(false);
    expect(conditionsHold({ visitors: 'all' }, page({ returning: true }))).toBe(true);
  });
  it('referrer contains (any case), UTM tags equal (any case)', () => {
    expect(conditionsHold({ referrerContains: 'GOOGLE' }, page())).toBe(true);
    expect(conditionsHold({ referrerContains: 'bing' }, page())).toBe(false);
    expect(conditionsHold({ utmSource: 'Newsletter', utmMedium: 'email', utmCampaign: 'spring' }, page())).toBe(true);
    expect(conditionsHold({ utmCampaign: 'summer' }, page())).toBe(false);
    expect(conditionsHold({ utmSource: 'newsletter' }, page({ utm: {} }))).toBe(false);
  });
  it('a custom event of the visit, with conditions on its properties', () => {
    const cart = { event: { name: 'cart_viewed', conditions: [{ property: 'value', op: 'gte' as const, value: 100 }] } };
    expect(conditionsHold(cart, page())).toBe(false);
    expect(conditionsHold(cart, page({ events: [{ name: 'cart_viewed', data: { value: 80 } }] }))).toBe(false);
    expect(
      conditionsHold(
        cart,
        page({
          events: [
            { name: 'cart_viewed', data: { value: 80 } },
            { name: 'cart_viewed', data: { value: 120 } },
          ],
        }),
      ),
    ).toBe(true);
    expect(conditionsHold({ event: { name: 'cart_viewed', conditions: [] } }, page({ events: [{ name: 'cart_viewed' }] }))).toBe(true);
  });
  it('compare properties with eq, neq, gt, gte, lt, lte and contains', () => {
    const d = { value: 120, plan: 'Pro yearly', vip: true };
    expect(propertyHolds({ property: 'value', op: 'eq', value: 120 }, d)).toBe(true);
    expect(propertyHolds({ property: 'plan', op: 'eq', value: 'Pro yearly' }, d)).toBe(true);
    expect(propertyHolds({ property: 'vip', op: 'eq', value: true }, d)).toBe(true);
    expect(propertyHolds({ property: 'value', op: 'neq', value: 120 }, d)).toBe(false);
    expect(propertyHolds({ property: 'missing', op: 'neq', value: 1 }, d)).toBe(true);
    expect(propertyHolds({ property: 'value', op: 'gt', value: 119 }, d)).toBe(true);
    expect(propertyHolds({ property: 'value', op: 'gt', value: 120 }, d)).toBe(false);
    expect(propertyHolds({ property: 'value', op: 'gte', value: 120 }, d)).toBe(true);
    expect(propertyHolds({ property: 'value', op: 'lt', value: 121 }, d)).toBe(true);
    expect(propertyHolds({ property: 'value', op: 'lte', value: 119 }, d)).toBe(false);
    expect(propertyHolds({ property: 'plan', op: 'contains', value: 'PRO' }, d)).toBe(true);
    expect(propertyHolds({ property: 'plan', op: 'gt', value: 1 }, d)).toBe(false);
    expect(propertyHolds({ property: 'missing', op: 'eq', value: 1 }, d)).toBe(false);
  });
  it('exit intent: the pointer left toward the top, never on a touch device', () => {
    expect(conditionsHold({ exitIntent: true }, page())).toBe(false);
    expect(conditionsHold({ exitIntent: true }, page({ exited: true }))).toBe(true);
    expect(conditionsHold({ exitIntent: true }, page({ exited: true, touch: true }))).toBe(false);
  });
  it('must all hold together', () => {
    const c = { urlPattern: '*/products/*', timeOnPage: 3, referrerContains: 'google' };
    expect(conditionsHold(c, page())).toBe(true);
    expect(conditionsHold(c, page({ url: 'https://shop.example/' }))).toBe(false);
  });
});

describe('frequency caps', () => {
  const last = { at: NOW - 3 * 86_400_000, visit: 'v0' };
  it('once per visitor: never again', () => {
    expect(capAllows({ per: 'visitor' }, undefined, 'v1', NOW)).toBe(true);
    expect(capAllows({ per: 'visitor' }, last, 'v1', NOW)).toBe(false);
  });
  it('once per visit: again in another visit', () => {
    expect(capAllows({ per: 'visit' }, last, 'v1', NOW)).toBe(true);
    expect(capAllows({ per: 'visit' }, last, 'v0', NOW)).toBe(false);
  });
  it('once every N days', () => {
    expect(capAllows({ per: 'days', days: 3 }, last, 'v0', NOW)).toBe(true);
    expect(capAllows({ per: 'days', days: 4 }, last, 'v1', NOW)).toBe(false);
  });
});

describe('picking the trigger to show', () => {
  it('waits for its delay after the conditions first hold, and starts again when they stop holding', () => {
    const held: Record<string, number> = {};
    const t = trigger({ delay: 3, conditions: { timeOnPage: 5 } });
    expect(pick([t], page({ now: NOW - 1000 }), held)).toBeNull();
    expect(pick([t], page(), held)).toBeNull();
    expect(held.t1).toBe(NOW);
    expect(pick([t], page({ now: NOW + 2999 }), held)).toBeNull();
    expect(pick([t], page({ now: NOW + 3000 }), held)).toBe(t);
    expect(pick([trigger({ delay: 3, conditions: { urlPattern: '*/products/*' } })], page({ url: 'https://x.example/' }), held)).toBeNull();
    expect(held.t1).toBeUndefined();
  });
  it('takes the first in order, and skips those capped or not allowed now', () => {
    const first = trigger({ id: 'first' });
    const second = trigger({ id: 'second' });
    expect(pick([first, second], page(), {})).toBe(first);
    expect(pick([first, second], page({ shown: { first: { at: NOW - 1, visit: 'v1' } } }), {})).toBe(second);
    const staffed = trigger({ id: 'staffed', onlyWhen: 'operators_available' });
    const hours = trigger({ id: 'hours', onlyWhen: 'business_hours' });
    expect(pick([staffed, hours], page({ available: false }), {})).toBe(hours);
    expect(pick([staffed, hours], page({ available: false, open: false }), {})).toBeNull();
  });
});

describe('the A/B split', () => {
  it('gives each visitor one variant of a trigger, always the same', () => {
    const t = trigger({ b: 'Hi B', split: 50 });
    for (const k of ['alpha', 'beta', 'gamma']) expect(variantOf(t, k)).toBe(variantOf(t, k));
    expect(variantOf(trigger({ b: null, split: 50 }), 'alpha')).toBe('a');
  });
  it('shows A to about the share set', () => {
    const half = trigger({ b: 'Hi B', split: 50 });
    const most = trigger({ b: 'Hi B', split: 80 });
    const keys = Array.from({ length: 4000 }, (_, i) => `visitor-${i}`);
    const share = (t: WidgetTrigger) => keys.filter((k) => variantOf(t, k) === 'a').length / keys.length;
    expect(Math.abs(share(half) - 0.5)).toBeLessThan(0.04);
    expect(Math.abs(share(most) - 0.8)).toBeLessThan(0.04);
  });
});

describe('visits', () => {
  it('count pages within 30 minutes, and start a new one (a returning visitor) after', () => {
    const first = nextVisit(null, { now: NOW, url: 'https://shop.example/?utm_source=ads&utm_campaign=x', referrer: 'https://ref.example/', newId: 'v1' });
    expect(first).toMatchObject({ id: 'v1', n: 1, count: 1, utm: { source: 'ads', campaign: 'x' }, referrer: 'https://ref.example/' });
    const second = nextVisit(first, { now: NOW + 60_000, url: 'https://shop.example/b', referrer: '', newId: 'v2' });
    expect(second).toMatchObject({ id: 'v1', n: 2, count: 1, utm: { source: 'ads' } });
    const later = nextVisit(second, { now: NOW + 60_000 + VISIT_GAP_MS, url: 'https://shop.example/', referrer: '', newId: 'v3' });
    expect(later).toMatchObject({ id: 'v3', n: 1, count: 2, events: [] });
    expect(utmOf('not a url')).toEqual({});
  });
});
