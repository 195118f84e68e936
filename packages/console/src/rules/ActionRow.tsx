import { ACTIONS, PRIORITIES, type RuleAction } from './rules-api';
import { first, type RuleChoices } from './options';

export function blankAction(type: RuleAction['type'], c: RuleChoices): RuleAction {
  switch (type) {
    case 'set_priority':
      return { type, priority: 'urgent' };
    case 'add_label':
      return { type, labelId: first(c.labels) };
    case 'assign_team':
      return { type, teamId: first(c.teams) };
    case 'escalate':
      return { type };
    case 'notify_supervisors':
      return { type };
  }
}

export function ActionRow(props: { n: number; value: RuleAction; choices: RuleChoices; onChange: (a: RuleAction) => void; onRemove: () => void }) {
  const { n, value: a, choices, onChange } = props;
  const id = `rule-action-${n}`;
  const name = `Action ${n}`;
  const select = (label: string, value: string, options: { id: string; name: string }[], patch: (v: string) => RuleAction) => (
    <select id={`${id}-value`} aria-label={`${name} ${label}`} value={value} onChange={(e) => onChange(patch(e.currentTarget.value))}>
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </select>
  );
  let control = null;
  if (a.type === 'set_priority') {
    const words = PRIORITIES.map((p) => ({ id: p, name: p[0]!.toUpperCase() + p.slice(1) }));
    control = select('priority', a.priority, words, (v) => ({ type: 'set_priority', priority: v }));
  }
  if (a.type === 'add_label') control = select('label', a.labelId, choices.labels, (v) => ({ type: 'add_label', labelId: v }));
  if (a.type === 'assign_team') control = select('team', a.teamId, choices.teams, (v) => ({ type: 'assign_team', teamId: v }));
  if (a.type === 'escalate' || a.type === 'notify_supervisors') {
    const text = a.type === 'escalate' ? (a.reason ?? '') : (a.text ?? '');
    control = (
      <input
        id={`${id}-value`}
        aria-label={`${name} ${a.type === 'escalate' ? 'reason' : 'message'}`}
        placeholder="Optional"
        maxLength={500}
        value={text}
        onInput={(e) => onChange(a.type === 'escalate' ? { type: a.type, reason: e.currentTarget.value } : { type: a.type, text: e.currentTarget.value })}
      />
    );
  }
  return (
    <li class="rule-row">
      <select id={id} aria-label={name} value={a.type} onChange={(e) => onChange(blankAction(e.currentTarget.value as RuleAction['type'], choices))}>
        {ACTIONS.map((x) => (
          <option key={x.type} value={x.type}>
            {x.label}
          </option>
        ))}
      </select>
      {control}
      <button type="button" class="btn btn-ghost btn-sm" onClick={props.onRemove} aria-label={`Remove action ${n}`}>
        Remove
      </button>
    </li>
  );
}
