/** The HTTP API of the Sales page (GET /api/v1/sales/report, /timeseries; GET/PUT /api/v1/sales/settings). */
import type { SalesGroupBy, SalesReport, SalesTimeseries } from '@switchboard/protocol';
import { request } from '../api';

export interface SalesSettings {
  attributionWindowDays: number;
  reportCurrency: string;
  rates: Record<string, number>;
  revenueGoal: number | null;
  conversionRateGoal: number | null;
  inboxes: { id: string; name: string; requireSignedPurchases: boolean }[];
  rule: string;
}

export type SalesSettingsInput = Partial<Omit<SalesSettings, 'rule' | 'inboxes'> & { inboxes: { id: string; requireSignedPurchases: boolean }[] }>;

const period = (from: number, to: number) => `from=${from}&to=${to}`;

export const salesApi = {
  report: (from: number, to: number, groupBy: SalesGroupBy) => request<SalesReport>('GET', `/sales/report?${period(from, to)}&groupBy=${groupBy}`),
  timeseries: (from: number, to: number) => request<SalesTimeseries>('GET', `/sales/timeseries?${period(from, to)}`),
  settings: () => request<SalesSettings>('GET', '/sales/settings'),
  saveSettings: (input: SalesSettingsInput) => request<SalesSettings>('PUT', '/sales/settings', input),
};
