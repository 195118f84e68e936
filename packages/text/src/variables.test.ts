import { describe, expect, it } from 'vitest';
import { messageHtml } from './html.js';
import { fillVariables, firstName, unresolvedVariables, variableValues } from './variables.js';

const values = variableValues({
  contact: { name: 'Maya Chen', email: 'maya@example.com' },
  operator: { name: 'Ana Lima' },
  teamName: 'Acme Support',
});

describe('fillVariables', () => {
  it('fills every known variable', () => {
    const r = fillVariables(
      'Hi {{contact.first_name}} ({{contact.name}}, {{contact.email}}), {{operator.first_name}} here ({{operator.name}}) for {{inbox.team_name}}.',
      values,
    );
    expect(r).toEqual({ text: 'Hi Maya (Maya Chen, maya@example.com), Ana here (Ana Lima) for Acme Support.', unknown: [], missing: [] });
  });

  it('takes spaces inside the braces', () => {
    expect(fillVariables('Hi {{ contact.first_name }}!', values).text).toBe('Hi Maya!');
  });

  it('uses the fallback when there is no value, and the value when there is one', () => {
    const anonymous = variableValues({ contact: null, operator: { name: 'Ana' }, teamName: null });
    expect(fillVariables('Hi {{contact.first_name | there}}!', anonymous)).toEqual({ text: 'Hi there!', unknown: [], missing: [] });
    expect(fillVariables('Hi {{contact.first_name|there}}!', values).text).toBe('Hi Maya!');
    expect(fillVariables('Hi {{ contact.first_name | my friend }}!', anonymous).text).toBe('Hi my friend!');
  });

  it('keeps a known variable without value or fallback as written, and reports it missing', () => {
    const anonymous = variableValues({ contact: { name: null, email: null }, operator: { name: 'Ana' }, teamName: 'Support' });
    expect(fillVariables('Hi {{contact.name}}, {{contact.name}}', anonymous)).toEqual({
      text: 'Hi {{contact.name}}, {{contact.name}}',
      unknown: [],
      missing: ['contact.name'],
    });
    // An empty fallback is no fallback.
    expect(fillVariables('Hi {{contact.name |}}', anonymous).missing).toEqual(['contact.name']);
  });

  it('never fills an unknown variable: it stays as written and is reported', () => {
    const r = fillVariables('Order {{order.number}} for {{contact.frist_name | you}} {{}}', values);
    expect(r.text).toBe('Order {{order.number}} for {{contact.frist_name | you}} {{}}');
    expect(r.unknown).toEqual(['order.number', 'contact.frist_name', '{{}}']);
  });

  it('inserts values as text, not formatting', () => {
    const r = fillVariables('Hi {{contact.name}}', variableValues({ contact: { name: '**Bob** `Lee` [x](y)', email: null }, operator: null, teamName: null }));
    expect(messageHtml(r.text)).toBe('<p>Hi **Bob** `Lee` [x](y)</p>');
  });

  it('leaves text without variables alone', () => {
    expect(fillVariables('Plain { braces } and {single}', values)).toEqual({ text: 'Plain { braces } and {single}', unknown: [], missing: [] });
  });
});

describe('unresolvedVariables', () => {
  it('finds every {{…}} left, each once', () => {
    expect(unresolvedVariables('a {{x}} b {{ y | z }} {{x}}')).toEqual(['{{x}}', '{{ y | z }}']);
    expect(unresolvedVariables('nothing {here}')).toEqual([]);
  });
  it('finds what fillVariables leaves', () => {
    const r = fillVariables('{{contact.first_name}} {{order.id}}', values);
    expect(unresolvedVariables(r.text)).toEqual(['{{order.id}}']);
  });
});

describe('firstName', () => {
  it('is the first word', () => {
    expect(firstName('  Maya  Chen ')).toBe('Maya');
    expect(firstName('')).toBeNull();
    expect(firstName(null)).toBeNull();
  });
});
