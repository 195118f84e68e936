import { describe, expect, it } from 'vitest';
import { currencyDigits, formatMoney, fromMinor, isCurrency, toMinor } from './money.js';

describe('money', () => {
  it('converts with the currency’s own decimals', () => {
    expect(toMinor(12.5, 'EUR')).toBe(1250);
    expect(toMinor(0.1 + 0.2, 'USD')).toBe(30);
    expect(toMinor(1200, 'JPY')).toBe(1200);
    expect(toMinor(1.2345, 'KWD')).toBe(1235);
    expect(currencyDigits('JPY')).toBe(0);
    expect(fromMinor(1250, 'EUR')).toBe(12.5);
  });
  it('refuses what is not an amount or a currency', () => {
    expect(toMinor(-1, 'EUR')).toBeNull();
    expect(toMinor(Number.NaN, 'EUR')).toBeNull();
    expect(toMinor(1e300, 'EUR')).toBeNull();
    expect(isCurrency('EUR')).toBe(true);
    expect(isCurrency('eur')).toBe(false);
    expect(isCurrency('EURO')).toBe(false);
  });
  it('formats for the reader', () => {
    expect(formatMoney(1250, 'USD', 'en-US')).toBe('$12.50');
    expect(formatMoney(1200, 'JPY', 'en-US')).toBe('¥1,200');
  });
});
