/** Settings → SLA policies (admins): targets in minutes, the near-breach warning, business hours; chosen in the inbox and team settings. */
import { useEffect, useState } from 'preact/hooks';
import { Field, FormAlert } from '../ui/Field';
import { byName } from '../ui/form-errors';
import { useForm } from '../ui/use-form';
import { type SlaPolicy, type SlaPolicyInput, slaApi } from './sla-api';

const fieldOf = byName('name', 'firstResponseSeconds', 'nextResponseSeconds', 'resolutionSeconds', 'warnPercent');
const EMPTY: SlaPolicyInput = {
  name: '',
  firstResponseSeconds: 900,
  nextResponseSeconds: null,
  resolutionSeconds: null,
  warnPercent: 80,
  warnBeforeSeconds: null,
  businessHours: false,
};

const minutes = (s: number | null) => (s === null ? '' : String(Math.round(s / 60)));
const seconds = (m: string) => (m.trim() === '' ? null : Math.round(Number(m) * 60));

export function SlaPoliciesSettings() {
  const [policies, setPolicies] = useState<SlaPolicy[] | null>(null);
  const load = () =>
    slaApi.list().then(
      (r) => setPolicies(r.policies),
      () => setPolicies([]),
    );
  useEffect(() => void load(), []);
  return (
    <section class="card" aria-labelledby="sla-title">
      <h2 id="sla-title">SLA policies</h2>
      <p class="muted small">
        Targets for the first response, the next response and the resolution. Choose a policy in an inbox’s or a team’s settings (a team’s comes before its
        inbox’s). With business hours, time outside the team’s hours does not count.
      </p>
      {policies === null ? (
        <p class="muted">Loading…</p>
      ) : policies.length === 0 ? (
        <p class="muted">No SLA policies yet.</p>
      ) : (
        <ul class="sla-list">
          {policies.map((p) => (
            <li key={p.id}>
              <PolicyForm policy={p} onDone={load} />
            </li>
          ))}
        </ul>
      )}
      <h3 class="small">New SLA policy</h3>
      <PolicyForm onDone={load} />
    </section>
  );
}

function PolicyForm({ policy, onDone }: { policy?: SlaPolicy; onDone: () => void }) {
  const [v, setV] = useState<SlaPolicyInput>(policy ?? EMPTY);
  const saving = useForm(fieldOf);
  const id = policy ? `sla-${policy.id}` : 'sla-new';
  const set = (patch: Partial<SlaPolicyInput>) => setV((old) => ({ ...old, ...patch }));

  function save(e: Event) {
    e.preventDefault();
    void saving.run(async () => {
      if (policy) await slaApi.update(policy.id, v);
      else {
        await slaApi.create(v);
        setV(EMPTY);
      }
      onDone();
    });
  }
  async function remove() {
    if (!policy || !window.confirm(`Delete the SLA policy ${policy.name}?`)) return;
    await saving.run(async () => {
      await slaApi.remove(policy.id);
      onDone();
    });
  }
  const target = (key: 'firstResponseSeconds' | 'nextResponseSeconds' | 'resolutionSeconds', label: string) => (
    <Field id={`${id}-${key}`} label={`${label} (minutes)`} error={saving.errors.fields[key]}>
      <input id={`${id}-${key}`} type="number" min={1} value={minutes(v[key])} onInput={(e) => set({ [key]: seconds(e.currentTarget.value) })} />
    </Field>
  );
  return (
    <form class="form-inline sla-form" onSubmit={save} ref={saving.ref} aria-label={policy ? `SLA policy ${policy.name}` : 'New SLA policy'}>
      <Field id={`${id}-name`} label="Policy name" error={saving.errors.fields.name}>
        <input id={`${id}-name`} required maxLength={80} value={v.name} onInput={(e) => set({ name: e.currentTarget.value })} />
      </Field>
      {target('firstResponseSeconds', 'First response')}
      {target('nextResponseSeconds', 'Next response')}
      {target('resolutionSeconds', 'Resolution')}
      <Field id={`${id}-warn`} label="Warn at (% of the target)" error={saving.errors.fields.warnPercent}>
        <input id={`${id}-warn`} type="number" min={1} max={99} value={v.warnPercent} onInput={(e) => set({ warnPercent: Number(e.currentTarget.value) })} />
      </Field>
      <label class="check">
        <input type="checkbox" checked={v.businessHours} onChange={(e) => set({ businessHours: e.currentTarget.checked })} /> Business hours only
      </label>
      <button type="submit" class="btn btn-sm" disabled={saving.busy}>
        {policy ? 'Save SLA policy' : 'Create SLA policy'}
      </button>
      {policy && (
        <button type="button" class="btn btn-ghost btn-sm" onClick={() => void remove()} aria-label={`Delete SLA policy ${policy.name}`}>
          Delete
        </button>
      )}
      <FormAlert message={saving.errors.form} />
    </form>
  );
}
