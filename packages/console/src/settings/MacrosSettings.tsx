/**
 * Settings → Macros (everyone): your personal macros and the workspace's
 * (admins change those). A macro is a name and a list of actions; each kind
 * of action brings its own fields (macro/action-editors.ts).
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { cannedApi, type Macro, type MacroStep } from '../canned/canned-api';
import { forgetMacros } from '../canned/CannedPicker';
import { actionEditor, actionKinds } from '../macro/action-editors';
import '../macro/editors';
import { kindLabel } from '../macro/macro-run';
import { useStore } from '../store';
import { Field, FormAlert, invalidProps } from '../ui/Field';
import { useForm } from '../ui/use-form';

export function MacrosSettings() {
  const me = useStore((s) => s.me);
  const operators = useStore((s) => s.operators);
  const admin = me?.role === 'owner' || me?.role === 'admin';
  const [macros, setMacros] = useState<Macro[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Macro | 'new' | null>(null);

  const load = () => {
    forgetMacros();
    return cannedApi.macros().then(
      (r) => setMacros(r.items),
      (err) => setError(messageOf(err)),
    );
  };
  useEffect(() => void load(), []);

  const describe = (step: MacroStep) => actionEditor(step.kind)?.describe(step.input, { operators }) ?? kindLabel(step.kind);

  async function remove(m: Macro) {
    if (!confirm(`Delete the macro ${m.name}?`)) return;
    try {
      await cannedApi.deleteMacro(m.id);
      forgetMacros();
      setMacros((list) => (list ?? []).filter((x) => x.id !== m.id));
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <section class="card" aria-labelledby="macros-title">
      <h2 id="macros-title">Macros</h2>
      <p class="muted small">A macro does several things to a conversation at once: Run macro in the conversation, or type / in a reply.</p>
      <FormAlert message={error} />
      {macros === null && !error && <p class="muted">Loading…</p>}
      {macros?.length === 0 && <p class="muted">No macros yet.</p>}
      {macros && macros.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Actions</th>
              <th scope="col">Scope</th>
              <th scope="col">
                <span class="sr-only">Edit</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {macros.map((m) => (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td>{m.actions.map(describe).join(', then ')}</td>
                <td>{m.scope === 'personal' ? 'Personal' : 'Workspace'}</td>
                <td class="right">
                  {m.canEdit && (
                    <>
                      <button type="button" class="btn btn-ghost btn-sm" onClick={() => setEditing(m)}>
                        Edit {m.name}
                      </button>
                      <button type="button" class="btn btn-ghost btn-sm" onClick={() => void remove(m)}>
                        Delete {m.name}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing ? (
        <MacroEditor
          key={editing === 'new' ? 'new' : editing.id}
          current={editing === 'new' ? null : editing}
          admin={admin}
          onDone={(saved) => {
            setEditing(null);
            if (saved) void load();
          }}
        />
      ) : (
        <button type="button" class="btn btn-sm" onClick={() => setEditing('new')}>
          New macro
        </button>
      )}
    </section>
  );
}

/** `actions.2.input.body` belongs to the field `actions.2.body`; `actions.2.kind` to the action itself. */
function fieldOf(path: string): string | null {
  if (path === 'name' || path === 'scope' || path === 'actions') return path;
  const m = /^actions\.(\d+)(?:\.input\.?(.*))?/.exec(path);
  if (!m) return null;
  return m[2] ? `actions.${m[1]}.${m[2].split('.')[0]}` : `actions.${m[1]}`;
}

function MacroEditor(props: { current: Macro | null; admin: boolean; onDone: (saved: boolean) => void }) {
  const c = props.current;
  const kinds = actionKinds();
  const [name, setName] = useState(c?.name ?? '');
  const [scope, setScope] = useState<Macro['scope']>(c?.scope ?? 'personal');
  const [steps, setSteps] = useState<MacroStep[]>(c?.actions ?? []);
  const [adding, setAdding] = useState(kinds[0] ?? '');
  const { errors, busy, ref, run } = useForm(fieldOf);
  const err = errors.fields;
  const id = useId();

  const update = (i: number, input: unknown) => setSteps((list) => list.map((s, j) => (j === i ? { ...s, input } : s)));
  const move = (i: number, step: -1 | 1) =>
    setSteps((list) => {
      const next = [...list];
      const [s] = next.splice(i, 1);
      next.splice(i + step, 0, s!);
      return next;
    });

  function save(e: Event) {
    e.preventDefault();
    void run(async () => {
      const input = { name: name.trim(), scope, actions: steps };
      if (c) await cannedApi.updateMacro(c.id, input);
      else await cannedApi.createMacro(input);
      props.onDone(true);
    });
  }

  return (
    <form class="subform macro-editor" onSubmit={save} ref={ref} aria-label={c ? `Edit ${c.name}` : 'New macro'}>
      <h3>{c ? `Edit ${c.name}` : 'New macro'}</h3>
      <div class="form-row">
        <Field id={`${id}-name`} label="Macro name" error={err.name} class="grow">
          <input {...invalidProps(`${id}-name`, err.name)} required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field id={`${id}-scope`} label="Who can run it" error={err.scope}>
          <select {...invalidProps(`${id}-scope`, err.scope)} value={scope} onChange={(e) => setScope(e.currentTarget.value as Macro['scope'])}>
            <option value="personal">Only me</option>
            {(props.admin || c?.scope === 'workspace') && <option value="workspace">Everyone in the workspace</option>}
          </select>
        </Field>
      </div>
      <ol class="macro-steps" aria-label="Actions">
        {steps.map((step, i) => {
          const editor = actionEditor(step.kind);
          const prefix = `actions.${i}.`;
          const stepErrors = Object.fromEntries(Object.entries(err).flatMap(([k, v]) => (k.startsWith(prefix) ? [[k.slice(prefix.length), v]] : [])));
          const label = `${i + 1}. ${kindLabel(step.kind)}`;
          return (
            <li key={i} class="macro-step" aria-label={label}>
              <div class="macro-step-head">
                <strong>{label}</strong>
                <span class="spacer" />
                <button type="button" class="btn btn-ghost btn-sm" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move action ${i + 1} up`}>
                  ↑
                </button>
                <button
                  type="button"
                  class="btn btn-ghost btn-sm"
                  disabled={i === steps.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={`Move action ${i + 1} down`}
                >
                  ↓
                </button>
                <button type="button" class="btn btn-ghost btn-sm" onClick={() => setSteps((list) => list.filter((_, j) => j !== i))}>
                  Remove action {i + 1}
                </button>
              </div>
              {editor ? (
                <editor.Editor id={`${id}-a${i}`} value={step.input} onChange={(v) => update(i, v)} errors={stepErrors} />
              ) : (
                <p class="muted small">This console cannot edit this kind of action; it is kept as it is.</p>
              )}
              {err[`actions.${i}`] && <p class="field-error">{err[`actions.${i}`]}</p>}
            </li>
          );
        })}
      </ol>
      {err.actions && <p class="field-error">{err.actions}</p>}
      <div class="form-inline">
        <Field id={`${id}-kind`} label="Add an action" error={undefined}>
          <select id={`${id}-kind`} value={adding} onChange={(e) => setAdding(e.currentTarget.value)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </Field>
        <button
          type="button"
          class="btn btn-sm"
          onClick={() => {
            const editor = actionEditor(adding);
            if (editor) setSteps((list) => [...list, { kind: adding, input: editor.blank() }]);
          }}
        >
          Add action
        </button>
      </div>
      <FormAlert message={errors.form} />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary btn-sm" disabled={busy}>
          {c ? 'Save macro' : 'Create macro'}
        </button>
        <button type="button" class="btn btn-ghost btn-sm" onClick={() => props.onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
