/**
 * Settings → Contact attributes (admins): the custom fields every contact
 * of the workspace has, with a key (fixed once made: the API and CSV files
 * use it), a label, a type, a list's choices, and their order.
 */
import type { ContactAttributeDto, ContactAttributeType } from '@switchboard/protocol';
import { useId, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { Field, FormAlert, invalidProps } from '../ui/Field';
import { byName } from '../ui/form-errors';
import { useForm } from '../ui/use-form';
import { contactApi } from './contact-api';
import { setAttributes, useAttributes } from './contact-live';

const TYPES: { id: ContactAttributeType; label: string }[] = [
  { id: 'text', label: 'Text' },
  { id: 'number', label: 'Number' },
  { id: 'date', label: 'Date' },
  { id: 'list', label: 'List of choices' },
  { id: 'boolean', label: 'Yes or no' },
  { id: 'link', label: 'Link' },
];
const typeLabel = (t: ContactAttributeType) => TYPES.find((x) => x.id === t)?.label ?? t;
const fieldOf = byName('key', 'label', 'type', 'options');
const choices = (text: string) =>
  text
    .split(/\n|,/)
    .map((x) => x.trim())
    .filter(Boolean);

export function ContactAttributesSettings() {
  const list = useAttributes();
  const [error, setError] = useState<string | null>(null);
  const move = async (index: number, by: -1 | 1) => {
    if (!list) return;
    const ids = list.map((a) => a.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id as string);
    try {
      setAttributes((await contactApi.reorderAttributes(ids)).items);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <section class="card" aria-labelledby="contact-attributes-title">
      <h2 id="contact-attributes-title">Contact attributes</h2>
      <p class="muted small">
        Fields of your own on every contact (plan, renewal date, account manager…), shown beside conversations and on contact pages, filled in by operators, CSV
        imports and the API. The key names the attribute in the API and in CSV files, and cannot change.
      </p>
      <FormAlert message={error} />
      {list === null && <p class="muted">Loading…</p>}
      {list?.length === 0 && <p class="muted">No contact attributes yet.</p>}
      {list && list.length > 0 && (
        <ul class="attribute-list">
          {list.map((a, i) => (
            <AttributeRow key={a.id} attr={a} first={i === 0} last={i === list.length - 1} onMove={(by) => void move(i, by)} all={list} />
          ))}
        </ul>
      )}
      <NewAttribute all={list ?? []} />
    </section>
  );
}

function AttributeRow(props: { attr: ContactAttributeDto; first: boolean; last: boolean; all: ContactAttributeDto[]; onMove: (by: -1 | 1) => void }) {
  const a = props.attr;
  const [label, setLabel] = useState(a.label);
  const [options, setOptions] = useState(a.options.join('\n'));
  const form = useForm(fieldOf);
  const id = useId();
  const changed = label.trim() !== a.label || (a.type === 'list' && choices(options).join('\n') !== a.options.join('\n'));
  function save(e: Event) {
    e.preventDefault();
    void form.run(async () => {
      const next = await contactApi.updateAttribute(a.id, {
        ...(label.trim() !== a.label ? { label: label.trim() } : {}),
        ...(a.type === 'list' && choices(options).join('\n') !== a.options.join('\n') ? { options: choices(options) } : {}),
      });
      setAttributes(props.all.map((x) => (x.id === next.id ? next : x)));
    });
  }
  async function remove() {
    if (!window.confirm(`Delete the attribute ${a.label}? Its values are no longer shown on any contact.`)) return;
    await form.run(async () => {
      await contactApi.deleteAttribute(a.id);
      setAttributes(props.all.filter((x) => x.id !== a.id));
    });
  }
  return (
    <li>
      <form class="attribute-row" onSubmit={save} ref={form.ref} aria-label={`Attribute ${a.label}`} noValidate>
        <Field id={`${id}-label`} label="Label" error={form.errors.fields.label}>
          <input {...invalidProps(`${id}-label`, form.errors.fields.label)} maxLength={60} value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
        </Field>
        <div class="attribute-meta">
          <code>{a.key}</code>
          <span class="muted small">{typeLabel(a.type)}</span>
        </div>
        {a.type === 'list' && (
          <Field id={`${id}-options`} label="Choices (one a line)" error={form.errors.fields.options}>
            <textarea
              {...invalidProps(`${id}-options`, form.errors.fields.options)}
              rows={3}
              value={options}
              onInput={(e) => setOptions(e.currentTarget.value)}
            />
          </Field>
        )}
        <div class="form-actions">
          <button type="submit" class="btn btn-sm" disabled={form.busy || !changed}>
            Save
          </button>
          <button type="button" class="btn btn-ghost btn-sm" disabled={props.first} onClick={() => props.onMove(-1)} aria-label={`Move ${a.label} up`}>
            ↑
          </button>
          <button type="button" class="btn btn-ghost btn-sm" disabled={props.last} onClick={() => props.onMove(1)} aria-label={`Move ${a.label} down`}>
            ↓
          </button>
          <button type="button" class="btn btn-ghost btn-sm" onClick={() => void remove()} aria-label={`Delete attribute ${a.label}`}>
            Delete
          </button>
        </div>
        <FormAlert message={form.errors.form} />
      </form>
    </li>
  );
}

function NewAttribute({ all }: { all: ContactAttributeDto[] }) {
  const [key, setKey] = useState('');
  const [label, setLabel] = useState('');
  const [type, setType] = useState<ContactAttributeType>('text');
  const [options, setOptions] = useState('');
  const form = useForm(fieldOf);
  const id = useId();
  function create(e: Event) {
    e.preventDefault();
    void form.run(async () => {
      const made = await contactApi.createAttribute({ key: key.trim(), label: label.trim(), type, ...(type === 'list' ? { options: choices(options) } : {}) });
      setAttributes([...all, made]);
      setKey('');
      setLabel('');
      setOptions('');
    });
  }
  return (
    <form class="subform" onSubmit={create} ref={form.ref} aria-label="New contact attribute" noValidate>
      <h3>New attribute</h3>
      <div class="form-row">
        <Field id={`${id}-label`} label="Label" error={form.errors.fields.label}>
          <input
            {...invalidProps(`${id}-label`, form.errors.fields.label)}
            maxLength={60}
            value={label}
            onInput={(e) => {
              const v = e.currentTarget.value;
              // The key follows the label until it is typed in itself.
              if (key === keyOf(label)) setKey(keyOf(v));
              setLabel(v);
            }}
          />
        </Field>
        <Field id={`${id}-key`} label="Key" error={form.errors.fields.key}>
          <input {...invalidProps(`${id}-key`, form.errors.fields.key)} maxLength={40} value={key} onInput={(e) => setKey(e.currentTarget.value)} />
        </Field>
        <Field id={`${id}-type`} label="Type" error={form.errors.fields.type}>
          <select
            {...invalidProps(`${id}-type`, form.errors.fields.type)}
            value={type}
            onChange={(e) => setType(e.currentTarget.value as ContactAttributeType)}
          >
            {TYPES.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {type === 'list' && (
        <Field id={`${id}-options`} label="Choices (one a line)" error={form.errors.fields.options}>
          <textarea
            {...invalidProps(`${id}-options`, form.errors.fields.options)}
            rows={3}
            value={options}
            onInput={(e) => setOptions(e.currentTarget.value)}
          />
        </Field>
      )}
      <FormAlert message={form.errors.form} />
      <button type="submit" class="btn btn-sm" disabled={form.busy}>
        Create attribute
      </button>
    </form>
  );
}

/** A key made from a label: lower case, digits and _ (what the server accepts). */
const keyOf = (label: string) =>
  label
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 40);
