import { describe, expect, it } from 'vitest';
import { MAX_PASSAGE_CHARS, pickPassage } from './passage.js';

describe('pickPassage', () => {
  it('keeps a short paragraph whole', () => {
    expect(pickPassage('Open  Settings,\nthen Password.', 'reset password')).toBe('Open Settings, then Password.');
  });

  it('cuts a long paragraph to the sentences that answer the question', () => {
    const filler = 'Our shop has sold shoes since 1990 and ships across Europe with care. '.repeat(3);
    const paragraph = `${filler}To reset your password, open Sign in and choose Forgot password. We email you a link that works for one hour. ${filler}`;
    const picked = pickPassage(paragraph, 'How do I reset my password?');
    expect(picked).toBe('To reset your password, open Sign in and choose Forgot password. We email you a link that works for one hour.');
    expect(picked.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
  });

  it('shortens one very long sentence at a word', () => {
    const picked = pickPassage(`${'password '.repeat(60)}reset`, 'password');
    expect(picked.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS + 1);
    expect(picked.endsWith('…')).toBe(true);
  });
});
