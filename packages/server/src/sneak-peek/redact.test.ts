import { describe, expect, it } from 'vitest';
import { ibanValid, luhnValid, REDACTED, redactDraft } from './redact.js';

describe('sneak peek redaction', () => {
  it('checks Luhn and IBAN check digits', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('DE89370400440532013001')).toBe(false);
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
  });

  it('takes out card numbers that pass Luhn, written with spaces, dashes or nothing', () => {
    expect(redactDraft('my card is 4111 1111 1111 1111 thanks')).toBe(`my card is ${REDACTED.card} thanks`);
    expect(redactDraft('4111-1111-1111-1111')).toBe(REDACTED.card);
    expect(redactDraft('card 5555555555554444, exp 12/27')).toBe(`card ${REDACTED.card}, exp 12/27`);
    // Amex, 15 digits in 4-6-5 groups.
    expect(redactDraft('amex 3782 822463 10005 ok')).toBe(`amex ${REDACTED.card} ok`);
    // The card stretch of a longer run of groups: the expiry after it stays.
    expect(redactDraft('4111 1111 1111 1111 1227')).toBe(REDACTED.card);
    expect(redactDraft('pay with 378282246310005 12 27 now')).toBe(`pay with ${REDACTED.card} 12 27 now`);
  });

  it('hides a card while it is being typed, grouped in fours or as a long run at the end', () => {
    expect(redactDraft('4111 1111 1111 11')).toBe(REDACTED.card);
    expect(redactDraft('4111 1111 1111')).toBe(REDACTED.card);
    expect(redactDraft('my card 411111111111')).toBe(`my card ${REDACTED.number}`);
    expect(redactDraft('4111 1111')).toBe('4111 1111');
  });

  it('takes out IBANs by their check digits, compact or grouped, and stops where the IBAN does', () => {
    expect(redactDraft('IBAN DE89 3704 0044 0532 0130 00 please')).toBe(`IBAN ${REDACTED.iban} please`);
    expect(redactDraft('to gb82west12345698765432.')).toBe(`to ${REDACTED.iban}.`);
    expect(redactDraft('DE89 3704 0044 0532 0130 01')).not.toContain('[IBAN]');
  });

  it('takes out long digit runs and social security numbers', () => {
    expect(redactDraft('account 12345678901234567890 done')).toBe(`account ${REDACTED.number} done`);
    expect(redactDraft('SSN 078-05-1120 ok')).toBe(`SSN ${REDACTED.number} ok`);
  });

  it('keeps ordinary numbers readable unless they pass Luhn', () => {
    const plain = [
      'Where is my order #1234?',
      'Order 100045678 was due on 2025-01-15',
      'Order 123456789012 arrived',
      'It costs 49.90 EUR, call +44 20 7946 0958',
      'Order 4111111111111112 please',
      'size 42, 3 pairs, 10-12 days',
    ];
    for (const text of plain) expect(redactDraft(text)).toBe(text);
    // A 16-digit order id that happens to pass Luhn cannot be told from a card: hidden.
    expect(redactDraft('Order 4111111111111111 please')).toBe(`Order ${REDACTED.card} please`);
  });
});
