/**
 * A contact's fields and custom attributes as a form ("Save", "Cancel"): a
 * new contact, or changes to one (only what was changed is sent). Each
 * refused field says why next to it, as other forms do.
 */
import type { ContactAttributeValue, ContactDetailDto } from '@switchboard/protocol';
import { useId, useState } from 'preact/hooks';
import { Field, FormAlert, invalidProps } from '../ui/Field';
import { byName } from '../ui/form-errors';
import { useForm } from '../ui/use-form';
import { AttributeInput, type Draft, draftOf, toValue } from './AttributeField';
import { contactApi, type ContactFields } from './contact-api';
import { useAttributes } from './contact-live';

const FIELDS = [
  ['name', 'Name', 'text', 200],
  ['email', 'Email', 'email', 254],
  ['phone', 'Phone', 'tel', 40],
  ['company', 'Company', 'text', 200],
  ['avatarUrl', 'Picture address', 'url', 2048],
] as const;
type FieldName = (typeof FIELDS)[number][0];

const fieldOf = (path: string) => (path.startsWith('attributes.') ? path : byName(...FIELDS.map((f) => f[0]))(path));

export function ContactForm(props: {
  contact: ContactDetailDto | null;
  /** A new contact for this visitor (and their conversations). */
  visitorId?: string;
  label: string;
  onDone: (saved: ContactDetailDto | null) => void;
}) {
  const c = props.contact;
  const defs = useAttributes() ?? [];
  const id = useId();
  const [values, setValues] = useState<Record<FieldName, string>>({
    name: c?.name ?? '',
    email: c?.email ?? '',
    phone: c?.phone ?? '',
    company: c?.company ?? '',
    avatarUrl: c?.avatarUrl ?? '',
  });
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const { errors, busy, ref, run } = useForm(fieldOf);

  function save(e: Event) {
    e.preventDefault();
    void run(async () => {
      const fields: ContactFields = {};
      for (const [name] of FIELDS) {
        const v = values[name].trim() || null;
        if (v !== (c?.[name] ?? null)) fields[name] = v;
      }
      const attributes: Record<string, ContactAttributeValue | null> = {};
      for (const def of defs) {
        if (!(def.key in drafts)) continue;
        const v = toValue(def, drafts[def.key] as Draft);
        if (v !== (c?.attributes[def.key] ?? null)) attributes[def.key] = v;
      }
      if (Object.keys(attributes).length) fields.attributes = attributes;
      if (c && Object.keys(fields).length === 0) return props.onDone(null);
      const saved = c
        ? await contactApi.update(c.id, fields)
        : await contactApi.create({ ...fields, ...(props.visitorId ? { visitorId: props.visitorId } : {}) });
      props.onDone(saved);
    });
  }

  return (
    <form class="contact-form" onSubmit={save} ref={ref} aria-label={props.label} noValidate>
      {FIELDS.map(([name, label, type, max]) => (
        <Field key={name} id={`${id}-${name}`} label={label} error={errors.fields[name]}>
          <input
            {...invalidProps(`${id}-${name}`, errors.fields[name])}
            type={type}
            maxLength={max}
            value={values[name]}
            placeholder={name === 'avatarUrl' ? 'https://' : undefined}
            onInput={(e) => setValues({ ...values, [name]: e.currentTarget.value })}
          />
        </Field>
      ))}
      {defs.map((def) => (
        <AttributeInput
          key={def.id}
          idBase={id}
          def={def}
          draft={drafts[def.key] ?? draftOf(def, c?.attributes[def.key])}
          error={errors.fields[`attributes.${def.key}`]}
          onChange={(d) => setDrafts({ ...drafts, [def.key]: d })}
        />
      ))}
      <FormAlert message={errors.form} />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary btn-sm" disabled={busy}>
          Save
        </button>
        <button type="button" class="btn btn-ghost btn-sm" onClick={() => props.onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
