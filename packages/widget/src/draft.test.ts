import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DraftSender, MAX_DRAFT_CHARS } from './app/draft.js';

describe('the visitor’s draft (sneak peek)', () => {
  let sent: string[];
  let drafts: DraftSender;
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    drafts = new DraftSender((t) => {
      sent.push(t);
      return true;
    }, 500);
  });
  afterEach(() => vi.useRealTimers());

  it('sends the first keystroke at once, then at most one draft every half second, the last state included', () => {
    drafts.changed('H');
    drafts.changed('He');
    drafts.changed('Hel');
    expect(sent).toEqual(['H']);
    vi.advanceTimersByTime(499);
    expect(sent).toEqual(['H']);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(['H', 'Hel']);
    vi.advanceTimersByTime(5000);
    expect(sent).toEqual(['H', 'Hel']);
  });

  it('clears the operators’ view once when the text is sent or emptied, and caps its length', () => {
    drafts.changed('Hello');
    drafts.clear();
    drafts.clear();
    expect(sent).toEqual(['Hello', '']);
    vi.advanceTimersByTime(600);
    drafts.changed('x'.repeat(MAX_DRAFT_CHARS + 50));
    expect(sent.at(-1)).toHaveLength(MAX_DRAFT_CHARS);
    drafts.changed('   ');
    expect(sent.at(-1)).toBe('');
  });
});
