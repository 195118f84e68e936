/**
 * Settings → Virtual agent (admins): per website inbox, off by default. When
 * on, it answers the visitor from published articles, citing them, and hands
 * the conversation to people when asked, with no confident answer, when the
 * mood sours or after its turns.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type Inbox, messageOf } from '../api';
import { Field, FormAlert } from '../ui/Field';
import { byName } from '../ui/form-errors';
import { useForm } from '../ui/use-form';
import { type VirtualAgent, type VirtualAgentSettings, virtualAgentApi } from './virtual-agent-api';

const fieldOf = byName('name', 'maxTurns', 'threshold');

export function VirtualAgentSettingsSection() {
  const [inboxes, setInboxes] = useState<Inbox[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.inboxes().then(
      (r) => setInboxes(r.items.filter((i) => i.kind !== 'email')),
      (err) => setError(messageOf(err)),
    );
  }, []);
  return (
    <section class="card" aria-labelledby="virtual-agent-title">
      <h2 id="virtual-agent-title">Virtual agent</h2>
      <p class="muted small">
        Answers visitors from your published articles and says which article the answer comes from. Visitors can ask for a person at every answer; it hands over
        when it has no confident answer, when the visitor gets upset, or after its turns. Outside business hours the conversation waits as an offline message.
      </p>
      <FormAlert message={error} />
      {inboxes === null && !error && <p class="muted">Loading…</p>}
      {inboxes?.map((inbox) => (
        <InboxAgent key={inbox.id} inbox={inbox} />
      ))}
    </section>
  );
}

function InboxAgent({ inbox }: { inbox: Inbox }) {
  const [v, setV] = useState<VirtualAgentSettings | null>(null);
  const [saved, setSaved] = useState(false);
  const saving = useForm(fieldOf);
  useEffect(() => {
    virtualAgentApi.get(inbox.id).then((r: VirtualAgent) => setV({ enabled: r.enabled, name: r.name, maxTurns: r.maxTurns, threshold: r.threshold }));
  }, [inbox.id]);
  if (!v) return <p class="muted">Loading…</p>;
  const id = `va-${inbox.id}`;
  const set = (patch: Partial<VirtualAgentSettings>) => {
    setSaved(false);
    setV({ ...v, ...patch });
  };
  function save(e: Event) {
    e.preventDefault();
    if (!v) return;
    void saving.run(async () => {
      const r = await virtualAgentApi.set(inbox.id, v);
      setV({ enabled: r.enabled, name: r.name, maxTurns: r.maxTurns, threshold: r.threshold });
      setSaved(true);
    });
  }
  return (
    <form class="form-inline" onSubmit={save} ref={saving.ref} aria-label={`Virtual agent of ${inbox.name}`}>
      <h3 class="small">{inbox.name}</h3>
      <label class="check">
        <input type="checkbox" checked={v.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} /> Answer with the virtual agent
      </label>
      <Field id={`${id}-name`} label="Virtual agent name" error={saving.errors.fields.name}>
        <input id={`${id}-name`} required maxLength={60} value={v.name} onInput={(e) => set({ name: e.currentTarget.value })} />
      </Field>
      <Field id={`${id}-turns`} label="Answers before handing over" error={saving.errors.fields.maxTurns}>
        <input id={`${id}-turns`} type="number" min={1} max={20} value={v.maxTurns} onInput={(e) => set({ maxTurns: Number(e.currentTarget.value) })} />
      </Field>
      <Field id={`${id}-threshold`} label="Confidence threshold (0 to 1)" error={saving.errors.fields.threshold}>
        <input
          id={`${id}-threshold`}
          type="number"
          min={0}
          max={1}
          step={0.01}
          value={v.threshold}
          onInput={(e) => set({ threshold: Number(e.currentTarget.value) })}
        />
      </Field>
      <button type="submit" class="btn btn-sm" disabled={saving.busy}>
        Save virtual agent
      </button>
      {saved && (
        <span role="status" class="muted small">
          Saved
        </span>
      )}
      <FormAlert message={saving.errors.form} />
    </form>
  );
}
