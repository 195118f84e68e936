import { variableValues } from '@switchboard/text';
import { describe, expect, it } from 'vitest';
import { leftToFill, matchMacros, replaceToken, slashToken } from './slash';

describe('the slash in the reply box', () => {
  it('finds the /query being typed at the caret', () => {
    expect(slashToken('/ret', 4)).toEqual({ start: 0, end: 4, query: 'ret' });
    expect(slashToken('Hello /ret', 10)).toEqual({ start: 6, end: 10, query: 'ret' });
    expect(slashToken('/', 1)).toEqual({ start: 0, end: 1, query: '' });
    expect(slashToken('and/or', 6)).toBeNull();
    expect(slashToken('/ret more', 9)).toBeNull();
    expect(slashToken('https://shop.example.com/ret', 28)).toBeNull();
    // The caret decides: text after it does not count.
    expect(slashToken('/re and more', 3)).toEqual({ start: 0, end: 3, query: 're' });
  });

  it('replaces the /query with the chosen text and puts the caret after it', () => {
    const text = 'Hi! /ret thanks';
    const token = slashToken(text, 8)!;
    expect(replaceToken(text, token, 'Returns are free.')).toEqual({ text: 'Hi! Returns are free. thanks', caret: 21 });
  });

  it('matches macros by the start of a word of their name', () => {
    const macros = [{ name: 'Close politely' }, { name: 'Escalate to billing' }, { name: 'Pending' }];
    expect(matchMacros(macros, 'bil').map((m) => m.name)).toEqual(['Escalate to billing']);
    expect(matchMacros(macros, '').length).toBe(3);
    expect(matchMacros(macros, 'xyz')).toEqual([]);
  });

  it('says what is left to fill in: unknown, without a value, or anything in braces', () => {
    const values = variableValues({ contact: null, operator: { name: 'Ana' }, teamName: 'Support' });
    expect(leftToFill('Order {{order.number}} for {{contact.name}}', values)).toEqual({
      unknown: ['order.number'],
      missing: ['contact.name'],
      all: ['{{order.number}}', '{{contact.name}}'],
    });
    expect(leftToFill('All good, Ana', values)).toEqual({ unknown: [], missing: [], all: [] });
  });
});
