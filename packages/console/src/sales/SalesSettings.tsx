/**
 * Settings → Sales (owners and admins): the attribution window, the report
 * currency, the exchange rates that convert totals to it (currencies are kept
 * as reported; one with no rate is reported apart), the goals, and which
 * inboxes require signed purchases (an HMAC of the order id).
 */
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { Field, FormAlert, invalidProps } from '../ui/Field';
import { byName } from '../ui/form-errors';
import { useForm } from '../ui/use-form';
import { type SalesSettings as Settings, salesApi } from './sales-api';

const fieldOf = byName('attributionWindowDays', 'reportCurrency', 'rates', 'revenueGoal', 'conversionRateGoal', 'inboxes');

export function SalesSettings() {
  const [saved, setSaved] = useState<Settings | null>(null);
  const [windowDays, setWindowDays] = useState('7');
  const [currency, setCurrency] = useState('');
  const [rates, setRates] = useState<{ currency: string; rate: string }[]>([]);
  const [revenueGoal, setRevenueGoal] = useState('');
  const [conversionGoal, setConversionGoal] = useState('');
  const [signed, setSigned] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const form = useForm(fieldOf);

  function show(s: Settings) {
    setSaved(s);
    setWindowDays(String(s.attributionWindowDays));
    setCurrency(s.reportCurrency);
    setRates(Object.entries(s.rates).map(([c, r]) => ({ currency: c, rate: String(r) })));
    setRevenueGoal(s.revenueGoal === null ? '' : String(s.revenueGoal));
    setConversionGoal(s.conversionRateGoal === null ? '' : String(s.conversionRateGoal));
    setSigned(Object.fromEntries(s.inboxes.map((i) => [i.id, i.requireSignedPurchases])));
  }

  useEffect(() => {
    salesApi
      .settings()
      .then(show)
      .catch((err) => setError(messageOf(err)));
  }, []);

  function submit(e: Event) {
    e.preventDefault();
    setDone(false);
    void form
      .run(async () => {
        show(
          await salesApi.saveSettings({
            attributionWindowDays: Number(windowDays),
            reportCurrency: currency.trim(),
            rates: Object.fromEntries(rates.filter((r) => r.currency.trim()).map((r) => [r.currency.trim().toUpperCase(), Number(r.rate)])),
            revenueGoal: revenueGoal.trim() === '' ? null : Number(revenueGoal),
            conversionRateGoal: conversionGoal.trim() === '' ? null : Number(conversionGoal),
            inboxes: Object.entries(signed).map(([id, on]) => ({ id, requireSignedPurchases: on })),
          }),
        );
      })
      .then((ok) => setDone(ok));
  }

  const report = currency.trim().toUpperCase() || 'the report currency';
  return (
    <section class="card" aria-labelledby="sales-settings-title">
      <h2 id="sales-settings-title">Sales</h2>
      <p class="muted small">
        Purchases the website reports (<code>Switchboard('track', 'purchase', …)</code>) are credited to the last chat or trigger before them within the window.
        Amounts are kept in the currency reported; rates convert only the totals.
      </p>
      <FormAlert message={error} />
      {/* The form shows once the settings have loaded, never a default that is not the workspace's. */}
      {saved === null && !error && <p class="muted small">Loading…</p>}
      <form class="subform" onSubmit={submit} ref={form.ref} aria-label="Sales settings" hidden={saved === null}>
        <Field id="sales-window" label="Attribution window (days)" error={form.errors.fields.attributionWindowDays}>
          <input
            {...invalidProps('sales-window', form.errors.fields.attributionWindowDays)}
            type="number"
            min={1}
            max={90}
            step={1}
            required
            value={windowDays}
            onInput={(e) => setWindowDays(e.currentTarget.value)}
          />
        </Field>
        <Field id="sales-currency" label="Report currency" error={form.errors.fields.reportCurrency}>
          <input
            {...invalidProps('sales-currency', form.errors.fields.reportCurrency)}
            required
            maxLength={3}
            placeholder="EUR"
            value={currency}
            onInput={(e) => setCurrency(e.currentTarget.value)}
          />
        </Field>
        <fieldset>
          <legend>Exchange rates (1 unit of the currency in {report})</legend>
          {rates.map((r, i) => (
            <div class="form-inline" key={i}>
              <label>
                Currency{' '}
                <input
                  aria-label={`Currency of rate ${i + 1}`}
                  maxLength={3}
                  size={4}
                  value={r.currency}
                  onInput={(e) => {
                    const v = e.currentTarget.value;
                    setRates((all) => all.map((x, j) => (j === i ? { ...x, currency: v } : x)));
                  }}
                />
              </label>
              <label>
                Rate{' '}
                <input
                  aria-label={`Rate ${i + 1} to ${report}`}
                  type="number"
                  min={0}
                  step="any"
                  value={r.rate}
                  onInput={(e) => {
                    const v = e.currentTarget.value;
                    setRates((all) => all.map((x, j) => (j === i ? { ...x, rate: v } : x)));
                  }}
                />
              </label>
              <button type="button" class="btn btn-ghost btn-sm" onClick={() => setRates((all) => all.filter((_, j) => j !== i))}>
                Remove rate {r.currency || i + 1}
              </button>
            </div>
          ))}
          <button type="button" class="btn btn-ghost btn-sm" onClick={() => setRates((all) => [...all, { currency: '', rate: '' }])}>
            Add rate
          </button>
          <FormAlert message={form.errors.fields.rates ?? null} />
        </fieldset>
        <Field id="sales-revenue-goal" label="Revenue goal" error={form.errors.fields.revenueGoal}>
          <input
            {...invalidProps('sales-revenue-goal', form.errors.fields.revenueGoal)}
            type="number"
            min={0}
            step="any"
            placeholder={`Per month, in ${report}`}
            value={revenueGoal}
            onInput={(e) => setRevenueGoal(e.currentTarget.value)}
          />
        </Field>
        <Field id="sales-conversion-goal" label="Conversion rate goal" error={form.errors.fields.conversionRateGoal}>
          <input
            {...invalidProps('sales-conversion-goal', form.errors.fields.conversionRateGoal)}
            type="number"
            min={0}
            max={100}
            step="any"
            placeholder="Percent, e.g. 5"
            value={conversionGoal}
            onInput={(e) => setConversionGoal(e.currentTarget.value)}
          />
        </Field>
        {saved && saved.inboxes.length > 0 && (
          <fieldset>
            <legend>Require signed purchases</legend>
            <p class="muted small">A purchase must carry hmac, the HMAC-SHA256 of its order id under the inbox’s identity secret; others are refused.</p>
            {saved.inboxes.map((i) => (
              <label class="checkbox" key={i.id}>
                <input type="checkbox" checked={signed[i.id] ?? false} onChange={(e) => setSigned((all) => ({ ...all, [i.id]: e.currentTarget.checked }))} />{' '}
                {i.name}
              </label>
            ))}
          </fieldset>
        )}
        <FormAlert message={form.errors.form} />
        <button type="submit" class="btn btn-sm" disabled={form.busy}>
          Save sales settings
        </button>
        {done && <span role="status"> Saved.</span>}
      </form>
      {saved && <p class="small">{saved.rule}</p>}
    </section>
  );
}
