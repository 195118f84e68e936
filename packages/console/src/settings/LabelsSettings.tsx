import type { LabelDto } from '@switchboard/protocol';
import { useMemo, useState } from 'preact/hooks';
import { api } from '../api';
import { dispatch, useStore } from '../store';
import { Field, FormAlert, invalidProps } from '../ui/Field';
import { byName } from '../ui/form-errors';
import { useForm } from '../ui/use-form';

const fieldOf = byName('name', 'color');

/** Settings → Labels (admins): the workspace's labels, their names and colours. */
export function LabelsSettings() {
  const labels = useStore((s) => s.labels);
  const list = useMemo(() => Object.values(labels).sort((a, b) => a.name.localeCompare(b.name)), [labels]);
  const [name, setName] = useState('');
  const [color, setColor] = useState('#1f6feb');
  const creating = useForm(fieldOf);

  function create(e: Event) {
    e.preventDefault();
    void creating.run(async () => {
      const label = await api.createLabel({ name: name.trim(), color });
      dispatch({ type: 'labels', items: [...list, label] });
      setName('');
    });
  }

  return (
    <section class="card" aria-labelledby="labels-title">
      <h2 id="labels-title">Labels</h2>
      <p class="muted small">Operators put labels on conversations to sort them; the inbox filters by label. Visitors never see them.</p>
      {list.length === 0 ? (
        <p class="muted">No labels yet.</p>
      ) : (
        <ul class="label-list">
          {list.map((l) => (
            <LabelRow key={l.id} label={l} all={list} />
          ))}
        </ul>
      )}
      <form class="subform form-inline" onSubmit={create} ref={creating.ref}>
        <Field id="new-label-name" label="New label" error={creating.errors.fields.name}>
          <input
            {...invalidProps('new-label-name', creating.errors.fields.name)}
            required
            maxLength={50}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </Field>
        <Field id="new-label-color" label="Colour" error={creating.errors.fields.color}>
          <input
            {...invalidProps('new-label-color', creating.errors.fields.color)}
            type="color"
            value={color}
            onInput={(e) => setColor(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="btn btn-sm" disabled={creating.busy}>
          Create label
        </button>
        <FormAlert message={creating.errors.form} />
      </form>
    </section>
  );
}

function LabelRow({ label, all }: { label: LabelDto; all: LabelDto[] }) {
  const [name, setName] = useState(label.name);
  const [color, setColor] = useState(label.color);
  const saving = useForm(fieldOf);
  const id = `label-${label.id}`;

  function save(e: Event) {
    e.preventDefault();
    void saving.run(async () => {
      const next = await api.updateLabel(label.id, {
        ...(name.trim() !== label.name ? { name: name.trim() } : {}),
        ...(color !== label.color ? { color } : {}),
      });
      dispatch({ type: 'labels', items: all.map((l) => (l.id === next.id ? next : l)) });
    });
  }

  async function remove() {
    if (!window.confirm(`Delete the label ${label.name}? It is taken off every conversation.`)) return;
    await saving.run(async () => {
      await api.deleteLabel(label.id);
      dispatch({ type: 'labels', items: all.filter((l) => l.id !== label.id) });
    });
  }

  return (
    <li>
      <form class="form-inline label-row" onSubmit={save} ref={saving.ref} aria-label={`Label ${label.name}`}>
        <Field id={`${id}-name`} label="Name" error={saving.errors.fields.name}>
          <input
            {...invalidProps(`${id}-name`, saving.errors.fields.name)}
            required
            maxLength={50}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </Field>
        <Field id={`${id}-color`} label="Colour" error={saving.errors.fields.color}>
          <input {...invalidProps(`${id}-color`, saving.errors.fields.color)} type="color" value={color} onInput={(e) => setColor(e.currentTarget.value)} />
        </Field>
        <button type="submit" class="btn btn-sm" disabled={saving.busy || (name.trim() === label.name && color === label.color)}>
          Save label
        </button>
        <button type="button" class="btn btn-ghost btn-sm" onClick={() => void remove()} aria-label={`Delete label ${label.name}`}>
          Delete
        </button>
        <FormAlert message={saving.errors.form} />
      </form>
    </li>
  );
}
