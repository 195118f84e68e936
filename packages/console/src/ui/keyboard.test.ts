import { describe, expect, it } from 'vitest';
import { parseRoute, hrefOf } from '../router';
import { neighbour } from './keyboard';

describe('Alt+arrow moves through the list', () => {
  const ids = ['a', 'b', 'c'];
  it('goes to the next or previous conversation and stops at the ends', () => {
    expect(neighbour(ids, 'a', 1)).toBe('b');
    expect(neighbour(ids, 'b', -1)).toBe('a');
    expect(neighbour(ids, 'c', 1)).toBeNull();
    expect(neighbour(ids, 'a', -1)).toBeNull();
  });
  it('starts at the top (down) or the bottom (up) when nothing in the list is open', () => {
    expect(neighbour(ids, null, 1)).toBe('a');
    expect(neighbour(ids, 'gone', -1)).toBe('c');
    expect(neighbour([], null, 1)).toBeNull();
  });
});

describe('routes', () => {
  it.each([
    ['', { name: 'inbox' }],
    ['#/inbox', { name: 'inbox' }],
    ['#/c/abc_DEF-1', { name: 'conversation', id: 'abc_DEF-1' }],
    ['#/invite/tok123', { name: 'invite', token: 'tok123' }],
    ['#/settings', { name: 'settings' }],
    ['#/settings/articles/a1', { name: 'article', id: 'a1' }],
    ['#/c/<script>', { name: 'inbox' }],
  ] as const)('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
    if (hash.startsWith('#/') && route.name !== 'inbox') expect(hrefOf(route)).toBe(hash);
  });
  it('takes an article id that is not one as plain Settings', () => {
    expect(parseRoute('#/settings/articles/<x>')).toEqual({ name: 'settings' });
  });
});
