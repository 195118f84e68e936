import { describe, expect, it } from 'vitest';
import { reloadForNewVersion } from './client.js';

function fakeWindow(storage: 'works' | 'blocked' = 'works') {
  const items = new Map<string, string>();
  const win = {
    reloads: 0,
    location: { reload: () => void win.reloads++ },
    sessionStorage: {
      getItem: (k: string) => {
        if (storage === 'blocked') throw new Error('SecurityError');
        return items.get(k) ?? null;
      },
      setItem: (k: string, v: string) => void items.set(k, v),
    } as unknown as Storage,
  };
  return win;
}

describe('reloading a page left behind by a server upgrade', () => {
  it('reloads once, not again within a minute, and again after', () => {
    const win = fakeWindow();
    expect(reloadForNewVersion(win, 1_000_000)).toBe(true);
    expect(reloadForNewVersion(win, 1_030_000)).toBe(false);
    expect(win.reloads).toBe(1);
    expect(reloadForNewVersion(win, 1_061_000)).toBe(true);
    expect(win.reloads).toBe(2);
  });

  it('never reloads when it cannot remember having done so (storage blocked)', () => {
    const win = fakeWindow('blocked');
    expect(reloadForNewVersion(win, 1_000_000)).toBe(false);
    expect(win.reloads).toBe(0);
  });
});
