import { describe, expect, it } from 'vitest';
import type { CannedResponse } from './canned.js';
import type { Viewer } from './canned-access.js';
import { buildEntry, searchEntry } from './canned-search.js';

let n = 0;
const r = (shortcut: string, title: string, body: string, over: Partial<CannedResponse> = {}): CannedResponse => ({
  id: `c${n++}`,
  workspaceId: 'w',
  scope: 'workspace',
  ownerId: null,
  teamId: null,
  shortcut,
  title,
  body,
  createdAt: n,
  updatedAt: n,
  ...over,
});

const responses = [
  r('returns', 'How to return an item', 'Print the label and drop the parcel at a post office.'),
  r('ret-late', 'Late returns', 'We take returns up to 60 days after delivery.'),
  r('retail', 'Our shops', 'Find a shop near you.'),
  r('shipping', 'Shipping times', 'Parcels arrive in 3 days; returns are free.'),
  r('refund', 'Refund policy', 'Refunds reach your card within 5 days.'),
  r('mine', 'My own', 'Personal words', { scope: 'personal', ownerId: 'ana' }),
  r('billing', 'Billing team', 'Invoices and payment', { scope: 'team', teamId: 't1' }),
  r('hours', 'Opening hours', 'Nine to five', { scope: 'workspace' }),
  r('hours', 'My hours', 'Whenever', { scope: 'personal', ownerId: 'ana' }),
];
const e = buildEntry(responses, [{ team_id: 't1', operator_id: 'ana' }], 0);
const ana: Viewer = { id: 'ana', role: 'operator', teamIds: new Set(['t1']) };
const ben: Viewer = { id: 'ben', role: 'admin', teamIds: new Set() };
const find = (v: Viewer, q: string, limit = 10) => searchEntry(e, v, q, limit).map((x) => x.shortcut);

describe('canned response search', () => {
  it('ranks shortcuts that start with the query first, shorter first, then text matches', () => {
    const found = find(ben, '/ret');
    expect(found.slice(0, 3)).toEqual(['retail', 'returns', 'ret-late']);
    expect(find(ben, 'return').slice(0, 2)).toEqual(['returns', 'ret-late']);
    expect(find(ben, 'return')).toContain('shipping');
  });

  it('forgives typos in longer words, not in short ones', () => {
    expect(find(ben, 'refnud')).toEqual(['refund']);
    expect(find(ben, 'shiping')).toEqual(['shipping']);
    expect(find(ben, 'parcle')).toEqual(expect.arrayContaining(['returns', 'shipping']));
    expect(find(ben, 'rtx')).toEqual([]);
  });

  it('puts responses holding every word before those holding some', () => {
    expect(find(ben, 'parcel label')[0]).toBe('returns');
  });

  it('offers only what the viewer may use, and the closest scope for a shared shortcut', () => {
    expect(find(ben, 'personal')).toEqual([]);
    expect(find(ana, 'personal')).toEqual(['mine']);
    expect(find(ben, 'billing')).toEqual([]);
    expect(find(ana, 'invoices')).toEqual(['billing']);
    expect(searchEntry(e, ana, 'hours', 10).map((x) => x.title)).toEqual(['My hours']);
    expect(searchEntry(e, ben, 'hours', 10).map((x) => x.title)).toEqual(['Opening hours']);
  });

  it('lists everything by shortcut for an empty query, up to the limit', () => {
    expect(find(ben, '', 3)).toEqual(['hours', 'refund', 'ret-late']);
    expect(find(ben, '/', 100).length).toBe(6);
  });
});
