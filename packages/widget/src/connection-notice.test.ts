import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionNotice } from './connection-notice.js';

describe('connection notice', () => {
  let shown: string[];
  let notice: ConnectionNotice;
  beforeEach(() => {
    vi.useFakeTimers();
    shown = [];
    notice = new ConnectionNotice((t) => shown.push(t), 1000, 4000);
    notice.update('connecting');
    notice.update('open');
  });
  afterEach(() => vi.useRealTimers());

  it('says nothing for a blip shorter than a second, however many attempts it takes', () => {
    notice.update('closed');
    vi.advanceTimersByTime(400);
    notice.update('connecting');
    notice.update('closed');
    vi.advanceTimersByTime(400);
    notice.update('connecting');
    notice.update('open');
    vi.advanceTimersByTime(5000);
    expect(shown).toEqual([]);
  });

  it('says Reconnecting… after a second down, Connected when back, then fades', () => {
    notice.update('closed');
    vi.advanceTimersByTime(600);
    notice.update('connecting');
    vi.advanceTimersByTime(500);
    expect(shown).toEqual(['Reconnecting…']);
    notice.update('open');
    expect(shown).toEqual(['Reconnecting…', 'Connected']);
    vi.advanceTimersByTime(4000);
    expect(shown).toEqual(['Reconnecting…', 'Connected', '']);
  });

  it('says Connecting… when the first connection is slow, and stops on a refusal', () => {
    const first: string[] = [];
    const n = new ConnectionNotice((t) => first.push(t));
    n.update('connecting');
    vi.advanceTimersByTime(1100);
    expect(first).toEqual(['Connecting…']);
    n.update('refused');
    vi.advanceTimersByTime(10_000);
    expect(first).toEqual(['Connecting…']);
  });
});
