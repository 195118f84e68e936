/**
 * Sales attribution (E4): what the host site reports as a purchase
 * (`Switchboard('track', 'purchase', { orderId, value, currency, items, hmac? })`),
 * the workspace's sales settings and the reports' query, each checked here.
 */
import { isCurrency } from '@switchboard/protocol';
import { z } from 'zod';

/** The SDK event name that is a purchase (the widget's track path). */
export const PURCHASE_EVENT = 'purchase';
export const MAX_ITEMS = 100;
export const DAY_MS = 86_400_000;

/** The ISO 4217 codes this runtime lists: isCurrency alone takes any well-formed code (ZZZ). */
const LISTED: ReadonlySet<string> = new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : []);
const isListedCurrency = (c: string) => isCurrency(c) && (LISTED.size === 0 || LISTED.has(c));

const currency = z
  .string({ error: 'Give the currency as an ISO 4217 code, like EUR' })
  .trim()
  .transform((c) => c.toUpperCase())
  .refine(isListedCurrency, 'Give the currency as an ISO 4217 code, like EUR');

const amount = (what: string) =>
  z
    .number({ error: `${what} is a number` })
    .finite(`${what} is a number`)
    .min(0, `${what} is 0 or more`);

export const purchaseItem = z
  .object({
    productId: z
      .string({ error: 'Each item needs a productId' })
      .trim()
      .min(1, 'Each item needs a productId')
      .max(100, 'Keep product ids under 100 characters'),
    quantity: z
      .number({ error: 'quantity is a whole number, 1 or more' })
      .int('quantity is a whole number, 1 or more')
      .min(1, 'quantity is a whole number, 1 or more')
      .max(1_000_000, 'quantity is at most 1,000,000'),
    price: amount('price').optional(),
  })
  .strict();

/** The purchase as the page reports it. `hmac`: HMAC-SHA256 (hex) of the order id under the inbox's identity secret. */
export const purchaseInput = z
  .object({
    orderId: z.string({ error: 'orderId is 1 to 100 characters' }).trim().min(1, 'orderId is 1 to 100 characters').max(100, 'orderId is 1 to 100 characters'),
    value: amount('value'),
    currency,
    items: z.array(purchaseItem, { error: 'items is a list' }).max(MAX_ITEMS, `At most ${MAX_ITEMS} items`).default([]),
    hmac: z.string().max(200, 'hmac is 64 hexadecimal characters').optional(),
  })
  .strict();
export type PurchaseInput = z.infer<typeof purchaseInput>;

/** Each refusal's stable code, by the field at fault (the first one wins). */
export const PURCHASE_REFUSALS = {
  orderId: 'purchase_order_id_invalid',
  value: 'purchase_value_invalid',
  currency: 'purchase_currency_invalid',
  items: 'purchase_items_invalid',
  hmac: 'purchase_signature_invalid',
} as const;

export const rateValue = z.number().finite().positive('A rate is a number above 0').max(1e9, 'A rate is at most 1,000,000,000');

/** What an admin changes (Settings → Sales); fields left out keep their value. */
export const salesSettingsInput = z
  .object({
    attributionWindowDays: z.number().int('A whole number of days').min(1, 'At least 1 day').max(90, 'At most 90 days'),
    reportCurrency: currency,
    /** One unit of the currency is worth this many units of the report currency. */
    rates: z.record(currency, rateValue).refine((r) => Object.keys(r).length <= 200, 'At most 200 rates'),
    /** Per month, in the report currency (a decimal amount); null: none. */
    revenueGoal: z.number().finite().min(0, 'A goal is 0 or more').max(1e12).nullable(),
    /** In percent (2.5 = 2.5 %); null: none. */
    conversionRateGoal: z.number().finite().min(0, 'Between 0 and 100').max(100, 'Between 0 and 100').nullable(),
    /** "Require signed purchases", per inbox. */
    inboxes: z.array(z.object({ id: z.string().min(1).max(64), requireSignedPurchases: z.boolean() })).max(500),
  })
  .partial();
export type SalesSettingsInput = z.infer<typeof salesSettingsInput>;

export const salesSettingsSchema = z.object({
  attributionWindowDays: z.number(),
  reportCurrency: z.string(),
  rates: z.record(z.string(), z.number()),
  revenueGoal: z.number().nullable().describe('Per month, in the report currency'),
  conversionRateGoal: z.number().nullable().describe('In percent'),
  inboxes: z.array(z.object({ id: z.string(), name: z.string(), requireSignedPurchases: z.boolean() })),
  rule: z.string().describe('The attribution rule in words'),
});
export type SalesSettingsDto = z.infer<typeof salesSettingsSchema>;

const MAX_RANGE_DAYS = 366;

/** A period in epoch milliseconds, `to` exclusive; the last 30 days by default. */
export const periodQuery = z
  .object({
    from: z.coerce.number().int().min(0).optional(),
    to: z.coerce.number().int().min(0).optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, { message: 'from is before to', path: ['from'] })
  .refine((q) => q.from === undefined || q.to === undefined || q.to - q.from <= MAX_RANGE_DAYS * DAY_MS, {
    message: `At most ${MAX_RANGE_DAYS} days`,
    path: ['to'],
  });

export const reportQuery = z.intersection(periodQuery, z.object({ groupBy: z.enum(['operator', 'team', 'inbox', 'trigger']).default('operator') }));

export function periodOf(q: { from?: number | undefined; to?: number | undefined }, now: number): { from: number; to: number } {
  const to = q.to ?? now;
  return { from: q.from ?? to - 30 * DAY_MS, to };
}

/** The attribution rule in words (reports state it). */
export function ruleInWords(windowDays: number): string {
  const days = windowDays === 1 ? '1 day' : `${windowDays} days`;
  return `Last touch: a purchase within ${days} after a chat (the last operator reply before it) or after a trigger was shown is credited once, to the latest of these touches: its conversation, operator, team, inbox and trigger.`;
}
