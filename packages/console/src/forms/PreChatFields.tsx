/**
 * The pre-chat form's fields in the inbox editor, in order: each with
 * "Required" (a consent box always is), Move up, Move down and Remove; a
 * team field with the teams visitors choose from and the label each shows;
 * a consent box with its text; "Add a field" from Name, Email, Phone, Team,
 * the workspace's contact attributes and a consent box. A refused field is
 * explained in its row.
 */
import type { ContactAttributeDto } from '@switchboard/protocol';
import { useState } from 'preact/hooks';
import type { PreChatField } from '../api';
import type { Team } from '../canned/canned-api';
import { FieldError, invalidProps } from '../ui/Field';

const BUILT_IN: Record<string, string> = { name: 'Name', email: 'Email', phone: 'Phone', team: 'Team', consent: 'Consent checkbox' };

export const fieldKeyOf = (f: PreChatField): string => (f.type === 'attribute' ? `attributes.${f.key}` : f.type);

export function fieldName(f: PreChatField, attributes: ContactAttributeDto[]): string {
  if (f.type !== 'attribute') return BUILT_IN[f.type] ?? f.type;
  return attributes.find((a) => a.key === f.key)?.label ?? `${f.key} (deleted attribute)`;
}

/** A new field of this kind (`attributes.<key>` for an attribute), as the form starts it. */
function newField(key: string, teams: Team[]): PreChatField {
  if (key.startsWith('attributes.')) return { type: 'attribute', key: key.slice(11), required: false };
  if (key === 'team') return { type: 'team', required: true, choices: teams.slice(0, 1).map((t) => ({ teamId: t.id, label: t.name })) };
  if (key === 'consent') return { type: 'consent', text: 'I agree that my details are stored to answer me.' };
  return { type: key as 'name' | 'email' | 'phone', required: key === 'email' };
}

export function PreChatFields(props: {
  id: string;
  fields: PreChatField[];
  attributes: ContactAttributeDto[];
  teams: Team[];
  errors: Record<string, string>;
  onChange: (fields: PreChatField[]) => void;
}) {
  const { id, fields, attributes, teams, errors } = props;
  const [adding, setAdding] = useState('');
  const set = (i: number, f: PreChatField) => props.onChange(fields.map((x, j) => (j === i ? f : x)));
  const move = (i: number, by: number) => {
    const next = [...fields];
    const [f] = next.splice(i, 1);
    if (f) next.splice(i + by, 0, f);
    props.onChange(next);
  };
  const taken = new Set(fields.map(fieldKeyOf));
  const offered = [
    ...['name', 'email', 'phone', 'team', 'consent'].map((k) => [k, BUILT_IN[k] as string] as const),
    ...attributes.map((a) => [`attributes.${a.key}`, `${a.label} (contact attribute)`] as const),
  ].filter(([k]) => !taken.has(k) && (k !== 'team' || teams.length > 0));

  return (
    <div class="pre-chat-fields">
      {fields.length === 0 && <p class="muted small">No fields yet: visitors only write their first message.</p>}
      <ol aria-label="Fields of the pre-chat form">
        {fields.map((f, i) => {
          const name = fieldName(f, attributes);
          const rowId = `${id}-field-${i}`;
          const error = errors[`preChat.${i}`];
          return (
            <li key={fieldKeyOf(f)} class="pre-chat-field">
              <div class="pre-chat-row">
                <span class="pre-chat-name" id={`${rowId}-name`}>
                  {name}
                </span>
                {f.type !== 'consent' && (
                  <label class="inline-check">
                    <input
                      type="checkbox"
                      checked={f.required}
                      aria-label={`Required: ${name}`}
                      onChange={(e) => set(i, { ...f, required: e.currentTarget.checked })}
                    />
                    Required
                  </label>
                )}
                <button type="button" class="btn btn-ghost btn-sm" disabled={i === 0} aria-label={`Move ${name} up`} onClick={() => move(i, -1)}>
                  Up
                </button>
                <button
                  type="button"
                  class="btn btn-ghost btn-sm"
                  disabled={i === fields.length - 1}
                  aria-label={`Move ${name} down`}
                  onClick={() => move(i, 1)}
                >
                  Down
                </button>
                <button
                  type="button"
                  class="btn btn-ghost btn-sm"
                  aria-label={`Remove ${name}`}
                  onClick={() => props.onChange(fields.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              </div>
              {f.type === 'consent' && (
                <div class="field">
                  <label for={`${rowId}-text`}>Consent text</label>
                  <textarea
                    {...invalidProps(`${rowId}-text`, error)}
                    rows={2}
                    maxLength={1000}
                    value={f.text}
                    onInput={(e) => set(i, { ...f, text: e.currentTarget.value })}
                  />
                </div>
              )}
              {f.type === 'team' && <TeamChoices id={rowId} field={f} teams={teams} error={error} onChange={(next) => set(i, next)} />}
              {f.type !== 'consent' && f.type !== 'team' && <FieldError id={rowId} error={error} />}
              {f.type === 'consent' && <FieldError id={`${rowId}-text`} error={error} />}
            </li>
          );
        })}
      </ol>
      {offered.length > 0 && (
        <div class="form-inline">
          <label for={`${id}-add-field`}>Add a field</label>
          <select id={`${id}-add-field`} value={adding} onChange={(e) => setAdding(e.currentTarget.value)}>
            <option value="">Choose a field…</option>
            {offered.map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
          <button
            type="button"
            class="btn btn-sm"
            disabled={!adding}
            onClick={() => {
              props.onChange([...fields, newField(adding, teams)]);
              setAdding('');
            }}
          >
            Add field
          </button>
        </div>
      )}
    </div>
  );
}

type TeamField = Extract<PreChatField, { type: 'team' }>;

/** The teams a visitor chooses from, each with the label they read (the team's name unless changed). */
function TeamChoices(props: { id: string; field: TeamField; teams: Team[]; error: string | undefined; onChange: (f: TeamField) => void }) {
  const { id, field, teams } = props;
  const chosen = (teamId: string) => field.choices.find((c) => c.teamId === teamId);
  const toggle = (t: Team, on: boolean) =>
    props.onChange({
      ...field,
      choices: on ? [...field.choices, { teamId: t.id, label: t.name }] : field.choices.filter((c) => c.teamId !== t.id),
    });
  return (
    <fieldset class="team-choices" aria-describedby={props.error ? `${id}-error` : undefined}>
      <legend>Teams visitors choose from</legend>
      {teams.map((t) => {
        const c = chosen(t.id);
        return (
          <div key={t.id} class="team-choice">
            <label class="inline-check">
              <input type="checkbox" checked={!!c} onChange={(e) => toggle(t, e.currentTarget.checked)} />
              Offer {t.name}
            </label>
            {c && (
              <input
                aria-label={`Label for ${t.name}`}
                maxLength={100}
                value={c.label}
                onInput={(e) =>
                  props.onChange({ ...field, choices: field.choices.map((x) => (x.teamId === t.id ? { ...x, label: e.currentTarget.value } : x)) })
                }
              />
            )}
          </div>
        );
      })}
      {field.choices
        .filter((c) => !teams.some((t) => t.id === c.teamId))
        .map((c) => (
          <p key={c.teamId} class="muted small">
            “{c.label}” is a team that no longer exists: visitors do not see it.{' '}
            <button
              type="button"
              class="btn btn-ghost btn-sm"
              onClick={() => props.onChange({ ...field, choices: field.choices.filter((x) => x.teamId !== c.teamId) })}
            >
              Remove {c.label}
            </button>
          </p>
        ))}
      <FieldError id={id} error={props.error} />
    </fieldset>
  );
}
