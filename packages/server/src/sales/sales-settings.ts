/**
 * The workspace's sales settings (Settings → Sales): supervisors read them,
 * admins change them. Currencies are kept as given; the rates the admin sets
 * convert only the reports' totals to the report currency.
 */
import { currencyDigits, fromMinor, toMinor } from '@switchboard/protocol';
import type { Context } from '../context.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import { listInboxes } from '../inbox/inbox.repository.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { ruleInWords, type SalesSettingsDto, type SalesSettingsInput } from './sales.js';
import { readSettingsRow, setSignedPurchases, signedInboxes, upsertSettingsRow } from './sales.repository.js';

export const DEFAULT_WINDOW_DAYS = 7;
export const DEFAULT_CURRENCY = 'USD';

export interface SalesSettings {
  windowDays: number;
  currency: string;
  rates: Record<string, number>;
  revenueGoalMinor: number | null;
  conversionGoal: number | null;
}

export async function readSalesSettings(db: Db, workspaceId: string): Promise<SalesSettings> {
  const row = await readSettingsRow(db, workspaceId);
  if (!row) return { windowDays: DEFAULT_WINDOW_DAYS, currency: await usualCurrency(db, workspaceId), rates: {}, revenueGoalMinor: null, conversionGoal: null };
  let rates: Record<string, number> = {};
  try {
    rates = JSON.parse(row.rates) as Record<string, number>;
  } catch {
    rates = {};
  }
  return {
    windowDays: Number(row.attribution_window_days),
    currency: row.report_currency,
    rates,
    revenueGoalMinor: row.revenue_goal_minor === null ? null : Number(row.revenue_goal_minor),
    conversionGoal: row.conversion_goal_bp === null ? null : Number(row.conversion_goal_bp) / 10_000,
  };
}

/**
 * Until an admin chooses one, reports are in the currency the shop sells in:
 * its first purchase's, else its catalogue's, else US dollars.
 */
async function usualCurrency(db: Db, workspaceId: string): Promise<string> {
  const sold = await db.selectFrom('purchases').select('currency').where('workspace_id', '=', workspaceId).orderBy('created_at').limit(1).executeTakeFirst();
  if (sold) return sold.currency;
  const listed = await db.selectFrom('products').select('currency').where('workspace_id', '=', workspaceId).limit(1).executeTakeFirst();
  return listed?.currency ?? DEFAULT_CURRENCY;
}

/** Minor units of `currency` in minor units of the report currency; null: no rate for it. */
export function convert(s: Pick<SalesSettings, 'currency' | 'rates'>, minor: number, currency: string): number | null {
  if (currency === s.currency) return minor;
  const rate = s.rates[currency];
  if (rate === undefined) return null;
  return Math.round(fromMinor(minor, currency) * rate * 10 ** currencyDigits(s.currency));
}

export async function getSalesSettings(ctx: Context, actor: Operator): Promise<SalesSettingsDto> {
  authorize(actor, 'sales.view');
  const s = await readSalesSettings(ctx.db, actor.workspaceId);
  const signed = await signedInboxes(ctx.db, actor.workspaceId);
  const inboxes = await listInboxes(ctx.db, actor.workspaceId);
  return {
    attributionWindowDays: s.windowDays,
    reportCurrency: s.currency,
    rates: s.rates,
    revenueGoal: s.revenueGoalMinor === null ? null : fromMinor(s.revenueGoalMinor, s.currency),
    conversionRateGoal: s.conversionGoal === null ? null : Math.round(s.conversionGoal * 10_000) / 100,
    inboxes: inboxes.map((i) => ({ id: i.id, name: i.name, requireSignedPurchases: signed.has(i.id) })),
    rule: ruleInWords(s.windowDays),
  };
}

export async function setSalesSettings(ctx: Context, actor: Operator, input: SalesSettingsInput): Promise<SalesSettingsDto> {
  authorize(actor, 'sales.manage');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const s = await readSalesSettings(trx, actor.workspaceId);
    const currency = input.reportCurrency ?? s.currency;
    const rates = { ...(input.rates ?? s.rates) };
    // A rate of the report currency to itself is 1 by definition: not kept.
    delete rates[currency];
    let goalMinor = s.revenueGoalMinor;
    if (input.revenueGoal !== undefined) {
      goalMinor = input.revenueGoal === null ? null : toMinor(input.revenueGoal, currency);
      if (input.revenueGoal !== null && goalMinor === null) throw new AppError('validation_failed', 'The revenue goal is too large');
    } else if (goalMinor !== null && currency !== s.currency) {
      // The same amount in the new currency's precision.
      goalMinor = toMinor(fromMinor(goalMinor, s.currency), currency);
    }
    const conversion = input.conversionRateGoal !== undefined ? input.conversionRateGoal : s.conversionGoal === null ? null : s.conversionGoal * 100;
    await upsertSettingsRow(trx, {
      workspace_id: actor.workspaceId,
      attribution_window_days: input.attributionWindowDays ?? s.windowDays,
      report_currency: currency,
      rates: JSON.stringify(rates),
      revenue_goal_minor: goalMinor,
      conversion_goal_bp: conversion === null ? null : Math.round(conversion * 100),
      updated_at: now,
    });
    if (input.inboxes) {
      const known = new Set((await listInboxes(trx, actor.workspaceId)).map((i) => i.id));
      for (const i of input.inboxes) {
        if (!known.has(i.id)) throw new AppError('not_found', 'Inbox not found');
        await setSignedPurchases(trx, actor.workspaceId, i.id, i.requireSignedPurchases, now);
      }
    }
  });
  ctx.log.info({ workspaceId: actor.workspaceId, operatorId: actor.id }, 'sales settings saved');
  return getSalesSettings(ctx, actor);
}
