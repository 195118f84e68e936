/** A custom attribute: its value as shown (a link only when it is http(s)), and its input by type. */
import type { ContactAttributeDto, ContactAttributeValue } from '@switchboard/protocol';
import { safeHref } from '@switchboard/text';
import { Field, invalidProps } from '../ui/Field';

export function AttributeValue({ def, value }: { def: ContactAttributeDto; value: ContactAttributeValue | undefined }) {
  if (value === undefined) return <span class="muted">—</span>;
  if (def.type === 'boolean') return <span>{value ? 'Yes' : 'No'}</span>;
  if (def.type === 'link') {
    const href = safeHref(String(value));
    return href ? (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow">
        {String(value)}
      </a>
    ) : (
      <span>{String(value)}</span>
    );
  }
  if (def.type === 'date') {
    const d = new Date(`${value}T00:00:00`);
    return <time dateTime={String(value)}>{Number.isNaN(d.getTime()) ? String(value) : d.toLocaleDateString()}</time>;
  }
  return <span>{String(value)}</span>;
}

/** The form's draft of a value: text for every input, a boolean for a checkbox. */
export type Draft = string | boolean;

export const draftOf = (def: ContactAttributeDto, v: ContactAttributeValue | undefined): Draft =>
  def.type === 'boolean' ? v === true : v === undefined ? '' : String(v);

/** The value to send: null clears it; a number input's text becomes a number (the server says what is wrong). */
export function toValue(def: ContactAttributeDto, d: Draft): ContactAttributeValue | null {
  if (def.type === 'boolean') return d === true;
  const t = String(d).trim();
  if (t === '') return null;
  if (def.type === 'number') return Number.isFinite(Number(t)) ? Number(t) : t;
  return t;
}

export function AttributeInput(props: { idBase: string; def: ContactAttributeDto; draft: Draft; error: string | undefined; onChange: (d: Draft) => void }) {
  const { def, draft, error } = props;
  const id = `${props.idBase}-attr-${def.key}`;
  if (def.type === 'boolean') {
    return (
      <div class="field field-check">
        <label for={id}>
          <input {...invalidProps(id, error)} type="checkbox" checked={draft === true} onChange={(e) => props.onChange(e.currentTarget.checked)} />
          {def.label}
        </label>
        {error && (
          <span id={`${id}-error`} class="field-error">
            {error}
          </span>
        )}
      </div>
    );
  }
  const common = { ...invalidProps(id, error), value: String(draft) };
  return (
    <Field id={id} label={def.label} error={error}>
      {def.type === 'list' ? (
        <select {...common} onChange={(e) => props.onChange(e.currentTarget.value)}>
          <option value="">—</option>
          {def.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={def.type === 'number' ? 'number' : def.type === 'date' ? 'date' : def.type === 'link' ? 'url' : 'text'}
          step={def.type === 'number' ? 'any' : undefined}
          maxLength={def.type === 'text' ? 1000 : undefined}
          placeholder={def.type === 'link' ? 'https://' : undefined}
          onInput={(e) => props.onChange(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}
