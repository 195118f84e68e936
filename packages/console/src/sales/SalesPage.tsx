/**
 * The Sales page (#/sales; supervisors, owners and admins): purchases the
 * website reported, attributed to the last touch (a chat or a trigger), by
 * operator, team, inbox or trigger for a date range; revenue per day with the
 * goal and conversion rate per day as charts (each with a table view); the
 * attribution rule stated under the table. Live: asked again on each `sale`
 * frame (one request at a time).
 */
import { currencyDigits, formatMoney, type SalesGroupBy, type SalesReport, type SalesReportRow, type SalesTimeseries } from '@switchboard/protocol';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { onServerFrame } from '../realtime/connection';
import { FormAlert } from '../ui/Field';
import { liveLoader } from '../wall/live-load';
import { type ChartSeries, SalesChart } from './SalesChart';
import { salesApi } from './sales-api';

const DAY = 86_400_000;
const GROUPS: { value: SalesGroupBy; label: string }[] = [
  { value: 'operator', label: 'Operator' },
  { value: 'team', label: 'Team' },
  { value: 'inbox', label: 'Inbox' },
  { value: 'trigger', label: 'Trigger' },
];

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const percent = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)} %`);

export function SalesPage() {
  const today = Math.floor(Date.now() / DAY) * DAY;
  const [from, setFrom] = useState(isoDay(today - 29 * DAY));
  const [to, setTo] = useState(isoDay(today));
  const [groupBy, setGroupBy] = useState<SalesGroupBy>('operator');
  const [report, setReport] = useState<SalesReport | null>(null);
  const [series, setSeries] = useState<SalesTimeseries | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const start = dayOf(from);
    const end = dayOf(to) + DAY;
    if (!Number.isFinite(start) || !Number.isFinite(end) || start >= end) {
      setError('Choose a start date on or before the end date');
      return;
    }
    const refresh = liveLoader(async () => {
      try {
        const [r, t] = await Promise.all([salesApi.report(start, end, groupBy), salesApi.timeseries(start, end)]);
        setReport(r);
        setSeries(t);
        setError(null);
      } catch (err) {
        setError(messageOf(err));
      }
    });
    refresh();
    return onServerFrame((f) => {
      if (f.type === 'sale' || f.type === 'welcome') refresh();
    });
  }, [from, to, groupBy]);

  const groupLabel = GROUPS.find((g) => g.value === groupBy)?.label ?? 'Operator';
  return (
    <main class="settings sales-page" aria-labelledby="sales-title">
      <h1 id="sales-title">Sales</h1>
      <form class="sales-filters" onSubmit={(e) => e.preventDefault()} aria-label="Sales period">
        <label>
          From <input type="date" value={from} max={to} onChange={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label>
          To <input type="date" value={to} min={from} onChange={(e) => setTo(e.currentTarget.value)} />
        </label>
        <label>
          Group by{' '}
          <select value={groupBy} onChange={(e) => setGroupBy(e.currentTarget.value as SalesGroupBy)}>
            {GROUPS.map((g) => (
              <option key={g.value} value={g.value}>
                {g.label}
              </option>
            ))}
          </select>
        </label>
      </form>
      <FormAlert message={error} />
      {report && <Summary report={report} />}
      {series && <Charts series={series} />}
      {report && <GroupTable report={report} groupLabel={groupLabel} />}
    </main>
  );
}

function Summary({ report }: { report: SalesReport }) {
  const t = report.totals;
  const money = (m: number | null) => (m === null ? '–' : formatMoney(m, report.currency));
  return (
    <section class="card sales-summary" aria-label="Totals and goals">
      <dl>
        <div>
          <dt>Revenue</dt>
          <dd>{money(t.revenueMinor)}</dd>
        </div>
        <div>
          <dt>Purchases</dt>
          <dd>{t.purchases}</dd>
        </div>
        <div>
          <dt>Conversion rate</dt>
          <dd>{percent(t.conversionRate)}</dd>
        </div>
        <div>
          <dt>Average order value</dt>
          <dd>{money(t.averageOrderMinor)}</dd>
        </div>
        {report.goals.revenueMinor !== null && (
          <div>
            <dt>Revenue goal</dt>
            <dd>
              {money(t.revenueMinor)} of {money(report.goals.revenueMinor)} ({percent(report.goals.revenueProgress)})
            </dd>
          </div>
        )}
        {report.goals.conversionRate !== null && (
          <div>
            <dt>Conversion rate goal</dt>
            <dd>
              {percent(t.conversionRate)} of {percent(report.goals.conversionRate)}
            </dd>
          </div>
        )}
      </dl>
      <NoRate currencies={t.unconverted} amounts={t.amounts} />
    </section>
  );
}

function NoRate({ currencies, amounts }: { currencies: string[]; amounts: Record<string, number> }) {
  if (currencies.length === 0) return null;
  return (
    <p class="warning small">
      {currencies.map((c) => `No rate for ${c} (${formatMoney(amounts[c] ?? 0, c)} not in the revenue)`).join('; ')}. Admins set rates in Settings → Sales.
    </p>
  );
}

function Charts({ series }: { series: SalesTimeseries }) {
  const days = useMemo(() => series.days.map((d) => d.day), [series]);
  // Charted in whole units of the currency (€129, not 12,900 cents).
  const unit = 10 ** currencyDigits(series.currency);
  const money = (v: number) => formatMoney(Math.round(v * unit), series.currency);
  const revenue = useMemo<ChartSeries[]>(() => {
    const s: ChartSeries[] = [
      { label: `Revenue (${series.currency})`, values: series.days.map((d) => d.revenueMinor / unit), color: '#1f6feb', format: money },
    ];
    const goal = series.revenueGoalPerDayMinor;
    if (goal !== null) s.push({ label: 'Revenue goal', values: series.days.map(() => goal / unit), color: '#8250df', dashed: true, format: money });
    return s;
  }, [series]);
  const conversion = useMemo<ChartSeries[]>(() => {
    const s: ChartSeries[] = [
      {
        label: 'Conversion rate',
        values: series.days.map((d) => (d.conversionRate === null ? null : d.conversionRate * 100)),
        color: '#1a7f37',
        format: (v) => `${v.toFixed(1)} %`,
      },
    ];
    if (series.conversionGoal !== null)
      s.push({
        label: 'Conversion rate goal',
        values: series.days.map(() => (series.conversionGoal ?? 0) * 100),
        color: '#8250df',
        dashed: true,
        format: (v) => `${v.toFixed(1)} %`,
      });
    return s;
  }, [series]);
  return (
    <div class="sales-charts">
      <SalesChart id="sales-revenue" title="Revenue per day" days={days} series={revenue} />
      <SalesChart id="sales-conversion" title="Conversion rate per day" days={days} series={conversion} />
    </div>
  );
}

function GroupTable({ report, groupLabel }: { report: SalesReport; groupLabel: string }) {
  const money = (m: number | null) => (m === null ? '–' : formatMoney(m, report.currency));
  const others = (r: SalesReportRow) =>
    Object.entries(r.amounts)
      .filter(([c]) => c !== report.currency)
      .map(([c, m]) => `${formatMoney(m, c)}${r.unconverted.includes(c) ? ' (no rate)' : ''}`);
  return (
    <section class="card" aria-labelledby="sales-table-title">
      <h2 id="sales-table-title">By {groupLabel.toLowerCase()}</h2>
      <table class="sales-table">
        <caption>Sales by {groupLabel.toLowerCase()}</caption>
        <thead>
          <tr>
            <th scope="col">{groupLabel}</th>
            <th scope="col">Purchases</th>
            <th scope="col">Revenue</th>
            <th scope="col">Conversations</th>
            <th scope="col">Conversion rate</th>
            <th scope="col">Average order value</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.length === 0 && (
            <tr>
              <td colSpan={6} class="muted">
                No purchases or conversations in this period.
              </td>
            </tr>
          )}
          {report.rows.map((r) => (
            <tr key={r.id ?? 'none'}>
              <th scope="row">{r.name}</th>
              <td>{r.purchases}</td>
              <td>
                {money(r.revenueMinor)}
                {others(r).length > 0 && <span class="muted small"> (reported: {others(r).join(', ')})</span>}
              </td>
              <td>{r.conversations}</td>
              <td>{percent(r.conversionRate)}</td>
              <td>{money(r.averageOrderMinor)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td>{report.totals.purchases}</td>
            <td>{money(report.totals.revenueMinor)}</td>
            <td>{report.totals.conversations}</td>
            <td>{percent(report.totals.conversionRate)}</td>
            <td>{money(report.totals.averageOrderMinor)}</td>
          </tr>
        </tfoot>
      </table>
      <p class="sales-rule">{report.rule}</p>
    </section>
  );
}
