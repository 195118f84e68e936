import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { byName, formErrors } from './form-errors';

describe('form errors', () => {
  it('puts each field message next to its field and keeps the rest for the form', () => {
    const err = new ApiError(400, 'validation_failed', 'x', [
      { in: 'body', path: 'settings.allowedOrigins.1', message: 'Enter a full address such as https://shop.example.com' },
      { in: 'body', path: 'settings.color', message: 'Enter a colour like #1f6feb' },
      { in: 'body', path: 'token', message: 'Use at least 10 characters' },
      { in: 'query', path: 'settings', message: 'not a body field' },
    ]);
    const fieldOf = (p: string) => (p.startsWith('settings.allowedOrigins') ? 'origins' : p === 'settings.color' ? 'color' : null);
    expect(formErrors(err, fieldOf)).toEqual({
      fields: { origins: 'Enter a full address such as https://shop.example.com', color: 'Enter a colour like #1f6feb' },
      form: 'Use at least 10 characters not a body field',
    });
  });

  it('shows a refusal without details, or any other failure, at the form level', () => {
    expect(formErrors(new ApiError(401, 'unauthorized', 'This account is disabled'), byName('email'))).toEqual({
      fields: {},
      form: 'This account is disabled',
    });
    expect(formErrors(new Error('offline'), byName('email'))).toEqual({ fields: {}, form: 'offline' });
  });

  it('names fields by path or by their first segment', () => {
    expect(byName('email', 'password')('password')).toBe('password');
    expect(byName('settings')('settings.greeting')).toBe('settings');
    expect(byName('email')('name')).toBeNull();
  });
});
