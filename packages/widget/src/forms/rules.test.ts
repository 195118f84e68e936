import { describe, expect, it } from 'vitest';
import { checkField, fieldValue } from './rules.js';

describe('the forms’ rules, the same in the widget and on the server', () => {
  it('asks for a required value, and lets an optional one be empty', () => {
    expect(checkField({ kind: 'name', required: true }, '   ')).toBe('required');
    expect(checkField({ kind: 'name', required: false }, '')).toBeNull();
    expect(checkField({ kind: 'consent', required: true }, false)).toBe('required');
    expect(checkField({ kind: 'consent', required: true }, true)).toBeNull();
  });

  it('checks each kind', () => {
    expect(checkField({ kind: 'email', required: true }, 'maya@example.com')).toBeNull();
    for (const bad of ['maya@', 'maya@example', '@example.com', 'ma ya@example.com', 'maya..chen@example.com']) {
      expect(checkField({ kind: 'email', required: true }, bad), bad).toBe('invalid_email');
    }
    expect(checkField({ kind: 'phone', required: false }, '+49 (30) 123-45/67')).toBeNull();
    expect(checkField({ kind: 'phone', required: false }, 'call me')).toBe('invalid_phone');
    expect(checkField({ kind: 'number', required: false }, 12.5)).toBeNull();
    expect(checkField({ kind: 'number', required: false }, Number.NaN)).toBe('invalid_number');
    expect(checkField({ kind: 'number', required: false }, '12')).toBe('invalid_number');
    expect(checkField({ kind: 'date', required: false }, '2024-02-29')).toBeNull();
    expect(checkField({ kind: 'date', required: false }, '2025-02-29')).toBe('invalid_date');
    expect(checkField({ kind: 'link', required: false }, 'https://shop.example.com/a')).toBeNull();
    for (const bad of ['javascript:alert(1)', 'ftp://files.example.com', 'www.example.com', 'data:text/html,x']) {
      expect(checkField({ kind: 'link', required: false }, bad), bad).toBe('invalid_link');
    }
    const options = [{ value: 'pro', label: 'Pro' }];
    expect(checkField({ kind: 'list', required: true, options }, 'pro')).toBeNull();
    expect(checkField({ kind: 'team', required: true, options }, 'gold')).toBe('invalid_choice');
    expect(checkField({ kind: 'text', required: false }, 'x'.repeat(1001))).toBe('too_long');
    expect(checkField({ kind: 'message', required: true }, 42)).toBe('invalid');
  });

  it('finds an attribute’s value nested under attributes', () => {
    expect(fieldValue({ attributes: { plan: 'pro' } }, 'attributes.plan')).toBe('pro');
    expect(fieldValue({ name: 'Maya' }, 'name')).toBe('Maya');
    expect(fieldValue({}, 'attributes.plan')).toBeUndefined();
  });
});
