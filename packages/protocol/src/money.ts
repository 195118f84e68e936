/**
 * Money on the wire and in storage: an integer amount of minor units (cents)
 * with its ISO 4217 currency, kept as given. These helpers convert between a
 * decimal amount (what a shop's page or a CSV says) and minor units, with the
 * currency's own number of decimals (JPY 0, EUR 2, KWD 3).
 */

export interface Money {
  /** Minor units (cents) of `currency`. */
  minor: number;
  /** ISO 4217, upper case. */
  currency: string;
}

const CURRENCY = /^[A-Z]{3}$/;

/** Whether `code` is a currency this runtime knows (ISO 4217, upper case). */
export function isCurrency(code: string): boolean {
  if (!CURRENCY.test(code)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
}

/** How many decimals the currency has (2 for EUR, 0 for JPY, 3 for KWD). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** A decimal amount (12.5) to minor units (1250), rounded to the currency's precision; null if not a finite number ≥ 0. */
export function toMinor(amount: number, currency: string): number | null {
  if (!Number.isFinite(amount) || amount < 0) return null;
  const minor = Math.round(amount * 10 ** currencyDigits(currency));
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Minor units (1250) back to a decimal amount (12.5). */
export function fromMinor(minor: number, currency: string): number {
  return minor / 10 ** currencyDigits(currency);
}

/** "$12.50", "12,50 €"… in the reader's locale. */
export function formatMoney(minor: number, currency: string, locale = 'en'): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(fromMinor(minor, currency));
  } catch {
    return `${fromMinor(minor, currency).toFixed(2)} ${currency}`;
  }
}
