import { describe, expect, it } from 'vitest';
import { conversationMail } from './compose.js';
import type { EmailSettingsRow } from './email-settings.js';
import { failureOf } from './mailer.js';

const settings = { smtp_password: 'hunter2-Kq83' } as EmailSettingsRow;

describe('a mail server’s refusal', () => {
  it('is permanent for a 5xx, temporary for a 4xx or a connection that failed', () => {
    expect(failureOf(Object.assign(new Error('x'), { responseCode: 550, response: '550 5.1.1 User unknown', command: 'RCPT TO' }))).toEqual({
      permanent: true,
      reason: '550 5.1.1 User unknown (RCPT TO)',
    });
    expect(failureOf(Object.assign(new Error('x'), { responseCode: 451, response: '451 4.7.1 Try again later', command: 'DATA' }))).toEqual({
      permanent: false,
      reason: '451 4.7.1 Try again later',
    });
    expect(failureOf(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' }))).toEqual({
      permanent: false,
      reason: 'ESOCKET: connect ECONNREFUSED 127.0.0.1:25',
    });
  });

  it('never repeats the account’s password', () => {
    const f = failureOf(Object.assign(new Error('x'), { responseCode: 535, response: '535 Invalid login hunter2-Kq83', command: 'AUTH PLAIN' }), settings);
    expect(f.reason).not.toContain('hunter2-Kq83');
    expect(f).toEqual({ permanent: true, reason: '535 Invalid login *** (AUTH)' });
  });
});

describe('a reply by mail', () => {
  it('has the text as written and HTML from the message renderer, names escaped', () => {
    const m = conversationMail([{ author: 'Ann <b>', body: 'Hi **there** <img src=x onerror=alert(1)> https://example.com' }], 'Reply to this email');
    expect(m.text).toContain('Ann <b>:\nHi **there** <img src=x onerror=alert(1)> https://example.com');
    expect(m.html).toContain('<strong>there</strong>');
    expect(m.html).toContain('Ann &lt;b&gt;');
    expect(m.html).not.toMatch(/<img|onerror=alert\(1\)>/);
    expect(m.html).toContain('href="https://example.com/"');
  });
});
