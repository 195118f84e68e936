import { z } from 'zod';
import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { purchaseFromServer } from './purchase-api.js';
import { periodOf, periodQuery, reportQuery, salesSettingsInput, salesSettingsSchema } from './sales.js';
import { salesReport, salesTimeseries } from './sales-report.js';
import { getSalesSettings, setSalesSettings } from './sales-settings.js';

const tag = 'sales';

const figures = {
  purchases: z.number(),
  revenueMinor: z.number().describe('Report currency, minor units: purchases in currencies with a rate'),
  amounts: z.record(z.string(), z.number()).describe('As reported, per currency (minor units)'),
  unconverted: z.array(z.string()).describe('Currencies with no rate: "No rate for X", not in revenueMinor'),
  conversations: z.number().describe('Chats with an operator reply in the period'),
  convertedConversations: z.number(),
  conversionRate: z.number().nullable().describe('0 to 1; null: no conversations'),
  averageOrderMinor: z.number().nullable(),
};

export const salesReportSchema = z.object({
  from: z.number(),
  to: z.number(),
  groupBy: z.enum(['operator', 'team', 'inbox', 'trigger']),
  currency: z.string(),
  rows: z.array(z.object({ id: z.string().nullable(), name: z.string(), ...figures })),
  totals: z.object(figures),
  goals: z.object({ revenueMinor: z.number().nullable(), revenueProgress: z.number().nullable(), conversionRate: z.number().nullable() }),
  rule: z.string(),
});

export const salesTimeseriesSchema = z.object({
  from: z.number(),
  to: z.number(),
  currency: z.string(),
  days: z.array(
    z.object({ day: z.number(), revenueMinor: z.number(), purchases: z.number(), conversations: z.number(), conversionRate: z.number().nullable() }),
  ),
  revenueGoalPerDayMinor: z.number().nullable(),
  conversionGoal: z.number().nullable(),
  unconverted: z.array(z.string()),
});

const purchaseBody = z
  .object({ visitorId: z.string().min(1).max(64).describe('The visitor who bought (the widget session’s visitorId)') })
  .catchall(z.unknown())
  .describe('The visitor, and the purchase as the SDK sends it: orderId, value, currency, items (checked like the SDK’s; no hmac needed)');

export const purchaseAnswer = z.object({
  id: z.string(),
  orderId: z.string(),
  repeated: z.boolean().describe('The order id was known: counted once, nothing new stored'),
  attributed: z.boolean(),
});

/** Sales attribution (E4): settings and reports. Purchases arrive on the widget's track route (visitor-event.routes.ts) or from the shop's server. */
export const salesRoutes = (ctx: Context) => [
  route({
    method: 'POST',
    url: '/api/v1/purchases',
    operationId: 'recordPurchase',
    summary: "The shop's server reports a visitor's purchase (owners and admins, or their API token); a repeated order id counts once",
    tag,
    auth: 'operator',
    body: purchaseBody,
    status: 201,
    response: purchaseAnswer,
    handler: async ({ operator, body }) => purchaseFromServer(ctx, operator!, body),
  }),
  route({
    method: 'GET',
    url: '/api/v1/sales/settings',
    operationId: 'getSalesSettings',
    summary: 'The attribution window, report currency, exchange rates, goals and which inboxes require signed purchases',
    tag,
    auth: 'operator',
    response: salesSettingsSchema,
    handler: async ({ operator }) => getSalesSettings(ctx, operator!),
  }),
  route({
    method: 'PUT',
    url: '/api/v1/sales/settings',
    operationId: 'setSalesSettings',
    summary: 'Change the sales settings (owners and admins); fields left out keep their value',
    tag,
    auth: 'operator',
    body: salesSettingsInput,
    response: salesSettingsSchema,
    handler: async ({ operator, body }) => setSalesSettings(ctx, operator!, body),
  }),
  route({
    method: 'GET',
    url: '/api/v1/sales/report',
    operationId: 'getSalesReport',
    summary: 'Purchases, revenue, conversations, conversion rate and average order value by operator, team, inbox or trigger, with totals and goals',
    tag,
    auth: 'operator',
    query: reportQuery,
    response: salesReportSchema,
    handler: async ({ operator, query }) => salesReport(ctx, operator!, { ...periodOf(query, ctx.now()), groupBy: query.groupBy }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/sales/timeseries',
    operationId: 'getSalesTimeseries',
    summary: 'Revenue, purchases and conversion rate per day (UTC) for charts',
    tag,
    auth: 'operator',
    query: periodQuery,
    response: salesTimeseriesSchema,
    handler: async ({ operator, query }) => salesTimeseries(ctx, operator!, periodOf(query, ctx.now())),
  }),
];
