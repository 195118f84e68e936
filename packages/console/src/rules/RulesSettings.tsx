import { useEffect, useMemo, useState } from 'preact/hooks';
import { request } from '../api';
import { contactApi } from '../contact/contact-api';
import { api } from '../api';
import { useStore } from '../store';
import { FormAlert } from '../ui/Field';
import type { RuleChoices } from './options';
import { RuleForm } from './RuleForm';
import { eventLabel, type Rule, type RuleInput, rulesApi } from './rules-api';

const when = (at: number) => new Date(at).toLocaleString();

/** Settings → Rules: the workspace's rules in the order they run; admins change them, supervisors read them. */
export function RulesSettings(props: { canEdit: boolean }) {
  const [rules, setRules] = useState<Rule[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const labels = useStore((s) => s.labels);
  const [base, setBase] = useState<Omit<RuleChoices, 'labels'>>({ teams: [], inboxes: [], attributes: [] });
  const choices = useMemo(() => ({ ...base, labels: Object.values(labels).map((l) => ({ id: l.id, name: l.name })) }), [base, labels]);

  useEffect(() => {
    void rulesApi.list().then(
      (r) => setRules(r.items),
      (e: Error) => setError(e.message),
    );
    if (!props.canEdit) return;
    void Promise.all([request<{ items: { id: string; name: string }[] }>('GET', '/teams'), api.inboxes(), contactApi.attributes()]).then(([t, i, a]) =>
      setBase({
        teams: t.items.map((x) => ({ id: x.id, name: x.name })),
        inboxes: i.items.map((x) => ({ id: x.id, name: x.name })),
        attributes: a.items.map((x) => ({ key: x.key, label: x.label, type: x.type })),
      }),
    );
  }, [props.canEdit]);

  const act = (task: () => Promise<void>) => {
    setError(null);
    task().catch((e: Error) => setError(e.message));
  };
  const replace = (r: Rule) => setRules((list) => list.map((x) => (x.id === r.id ? r : x)));
  const move = (i: number, by: -1 | 1) =>
    act(async () => {
      const ids = rules.map((r) => r.id);
      [ids[i], ids[i + by]] = [ids[i + by]!, ids[i]!];
      setRules((await rulesApi.reorder(ids)).items);
    });
  const create = async (input: RuleInput) => {
    const r = await rulesApi.create(input);
    setRules((list) => [...list, r]);
  };

  return (
    <section class="card" aria-labelledby="rules-title">
      <h2 id="rules-title">Rules</h2>
      <p class="muted small">When something happens to a conversation, the rules run in this order: each one whose conditions hold does its actions.</p>
      {rules.length === 0 ? (
        <p class="muted">No rules yet.</p>
      ) : (
        <ol class="rule-list">
          {rules.map((r, i) => (
            <li key={r.id} class="rule-item" aria-label={`Rule ${r.name}`}>
              <div class="form-inline">
                <strong>{r.name}</strong>
                <span class="muted small">{eventLabel(r.event)}</span>
                {props.canEdit && (
                  <>
                    <label class="checkbox">
                      <input
                        type="checkbox"
                        checked={r.enabled}
                        aria-label={`Enable rule ${r.name}`}
                        onChange={(e) => {
                          const enabled = e.currentTarget.checked;
                          act(async () => replace(await rulesApi.update(r.id, { enabled })));
                        }}
                      />
                      Enabled
                    </label>
                    <button type="button" class="btn btn-ghost btn-sm" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move up: rule ${r.name}`}>
                      Move up
                    </button>
                    <button
                      type="button"
                      class="btn btn-ghost btn-sm"
                      disabled={i === rules.length - 1}
                      onClick={() => move(i, 1)}
                      aria-label={`Move down: rule ${r.name}`}
                    >
                      Move down
                    </button>
                    <button
                      type="button"
                      class="btn btn-ghost btn-sm"
                      onClick={() => setEditing(editing === r.id ? null : r.id)}
                      aria-label={`Edit rule ${r.name}`}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      class="btn btn-ghost btn-sm"
                      aria-label={`Delete rule ${r.name}`}
                      onClick={() =>
                        window.confirm(`Delete the rule ${r.name}?`) &&
                        act(async () => {
                          await rulesApi.remove(r.id);
                          setRules((list) => list.filter((x) => x.id !== r.id));
                        })
                      }
                    >
                      Delete
                    </button>
                  </>
                )}
                {!props.canEdit && <span class="muted small">{r.enabled ? 'On' : 'Off'}</span>}
              </div>
              <p class="muted small">{r.lastRun ? `Last run: ${when(r.lastRun.at)} (${r.lastRun.outcome === 'ok' ? 'ok' : 'failed'})` : 'Not run yet'}</p>
              {r.lastError && (
                <p class="form-error small">
                  Last error: {r.lastError.reason} ({when(r.lastError.at)})
                </p>
              )}
              {editing === r.id && (
                <RuleForm
                  rule={r}
                  choices={choices}
                  onCancel={() => setEditing(null)}
                  onSave={async (input) => {
                    replace(await rulesApi.update(r.id, input));
                    setEditing(null);
                  }}
                />
              )}
            </li>
          ))}
        </ol>
      )}
      <FormAlert message={error} />
      {props.canEdit && <RuleForm rule={null} choices={choices} onSave={create} />}
    </section>
  );
}
