import { type Condition, FIELDS, MOODS, OPS, PRIORITIES } from './rules-api';
import { type Choice, first, type RuleChoices } from './options';

/** A new condition on this field, with the first choice of each list. */
export function blankCondition(field: Condition['field'], c: RuleChoices): Condition {
  switch (field) {
    case 'inbox':
      return { field, op: 'is', inboxId: first(c.inboxes) };
    case 'team':
      return { field, op: 'is', teamId: first(c.teams) || null };
    case 'priority':
      return { field, op: 'is', priority: 'urgent' };
    case 'attribute': {
      const a = c.attributes[0];
      return { field, op: 'is', key: a?.key ?? '', value: a?.type === 'boolean' ? true : '' };
    }
    case 'label':
      return { field, op: 'has', labelId: first(c.labels) };
    case 'page_url':
      return { field, op: 'contains', value: '' };
    case 'mood':
      return { field, op: 'is', mood: 'negative' };
    case 'hours':
      return { field, op: 'closed' };
  }
}

function Pick(props: { id: string; label: string; value: string; choices: Choice[]; onChange: (v: string) => void }) {
  return (
    <select id={props.id} aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
      {props.choices.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </select>
  );
}

const words = (list: string[]): Choice[] => list.map((w) => ({ id: w, name: w[0]!.toUpperCase() + w.slice(1) }));

export function ConditionRow(props: { n: number; value: Condition; choices: RuleChoices; onChange: (c: Condition) => void; onRemove: () => void }) {
  const { n, value: c, choices, onChange } = props;
  const id = `rule-condition-${n}`;
  const name = `Condition ${n}`;
  const set = (patch: Partial<Condition>) => onChange({ ...c, ...patch } as Condition);
  let control = null;
  if (c.field === 'inbox')
    control = <Pick id={`${id}-value`} label={`${name} inbox`} value={c.inboxId} choices={choices.inboxes} onChange={(v) => set({ inboxId: v })} />;
  if (c.field === 'team') {
    const teams = [{ id: '', name: 'No team' }, ...choices.teams];
    control = <Pick id={`${id}-value`} label={`${name} team`} value={c.teamId ?? ''} choices={teams} onChange={(v) => set({ teamId: v || null })} />;
  }
  if (c.field === 'priority')
    control = <Pick id={`${id}-value`} label={`${name} priority`} value={c.priority} choices={words(PRIORITIES)} onChange={(v) => set({ priority: v })} />;
  if (c.field === 'mood') control = <Pick id={`${id}-value`} label={`${name} mood`} value={c.mood} choices={words(MOODS)} onChange={(v) => set({ mood: v })} />;
  if (c.field === 'label')
    control = <Pick id={`${id}-value`} label={`${name} label`} value={c.labelId} choices={choices.labels} onChange={(v) => set({ labelId: v })} />;
  if (c.field === 'page_url') {
    control = (
      <input id={`${id}-value`} aria-label={`${name} text`} required maxLength={2000} value={c.value} onInput={(e) => set({ value: e.currentTarget.value })} />
    );
  }
  if (c.field === 'attribute') {
    const attr = choices.attributes.find((a) => a.key === c.key);
    const keys = choices.attributes.map((a) => ({ id: a.key, name: a.label }));
    const needsValue = c.op === 'is' || c.op === 'is_not' || c.op === 'contains';
    control = (
      <>
        <Pick id={`${id}-key`} label={`${name} attribute`} value={c.key} choices={keys} onChange={(v) => set({ key: v })} />
        {needsValue &&
          (attr?.type === 'boolean' ? (
            <Pick
              id={`${id}-value`}
              label={`${name} value`}
              value={String(c.value ?? true)}
              choices={[
                { id: 'true', name: 'Yes' },
                { id: 'false', name: 'No' },
              ]}
              onChange={(v) => set({ value: v === 'true' })}
            />
          ) : (
            <input id={`${id}-value`} aria-label={`${name} value`} value={String(c.value ?? '')} onInput={(e) => set({ value: e.currentTarget.value })} />
          ))}
      </>
    );
  }
  return (
    <li class="rule-row">
      <select id={id} aria-label={name} value={c.field} onChange={(e) => onChange(blankCondition(e.currentTarget.value as Condition['field'], choices))}>
        {FIELDS.map((f) => (
          <option key={f.field} value={f.field}>
            {f.label}
          </option>
        ))}
      </select>
      <select id={`${id}-op`} aria-label={`${name} test`} value={c.op} onChange={(e) => set({ op: e.currentTarget.value } as Partial<Condition>)}>
        {OPS[c.field].map((o) => (
          <option key={o.op} value={o.op}>
            {o.label}
          </option>
        ))}
      </select>
      {control}
      <button type="button" class="btn btn-ghost btn-sm" onClick={props.onRemove} aria-label={`Remove condition ${n}`}>
        Remove
      </button>
    </li>
  );
}
