import { describe, expect, it } from 'vitest';
import { groundingMessages, parseCitations } from './grounding.js';

const passages = [
  { id: 'art_reset', title: 'Reset your password', text: 'Open Settings, then Security, then Reset.' },
  { id: 'art_billing', title: 'Invoices', text: 'Invoices are emailed on the 1st.' },
  { id: 'art_2fa', title: 'Two-factor', text: 'Use an authenticator app.' },
];

describe('groundingMessages', () => {
  it('numbers the passages, asks for citations by number, and carries the question and language', () => {
    const [system, user] = groundingMessages({ workspaceId: 'w', task: 'agent', question: 'How do I reset it?', passages, locale: 'fr' });
    expect(system!.content).toContain('[1]');
    expect(system!.content).toContain('NO_ANSWER');
    expect(system!.content).toContain('"fr"');
    expect(user!.content).toContain('[1] Reset your password\nOpen Settings');
    expect(user!.content).toContain('[3] Two-factor');
    expect(user!.content).toMatch(/Question:\nHow do I reset it\?$/);
  });
});

describe('parseCitations', () => {
  it('reads [n] into passage ids, in order, once each, and takes the markers out of the text', () => {
    expect(parseCitations('Open Settings, then Security [1]. Invoices come monthly [2][1].', passages)).toEqual({
      text: 'Open Settings, then Security. Invoices come monthly.',
      citations: ['art_reset', 'art_billing'],
    });
  });

  it('reads lists, ranges and "Passage n"', () => {
    expect(parseCitations('All of it [1, 3].', passages)?.citations).toEqual(['art_reset', 'art_2fa']);
    expect(parseCitations('All of it [1-3].', passages)?.citations).toEqual(['art_reset', 'art_billing', 'art_2fa']);
    expect(parseCitations('See [Passage 2].', passages)?.citations).toEqual(['art_billing']);
  });

  it('drops an answer that cites nothing retrieved', () => {
    expect(parseCitations('Just restart your router.', passages)).toBeNull();
    expect(parseCitations('As said in [7], restart.', passages)).toBeNull();
    expect(parseCitations('As said in [0], restart.', passages)).toBeNull();
    expect(parseCitations('NO_ANSWER', passages)).toBeNull();
    expect(parseCitations('', passages)).toBeNull();
  });

  it('keeps valid citations when others point nowhere', () => {
    expect(parseCitations('Reset it [1][9].', passages)).toEqual({ text: 'Reset it.', citations: ['art_reset'] });
  });
});
