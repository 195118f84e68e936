import { useState } from 'preact/hooks';
import { Field, FormAlert, invalidProps } from '../ui/Field';
import { useForm } from '../ui/use-form';
import { ActionRow, blankAction } from './ActionRow';
import { blankCondition, ConditionRow } from './ConditionRow';
import type { RuleChoices } from './options';
import { type Condition, EVENTS, type Rule, type RuleAction, type RuleEvent, type RuleInput } from './rules-api';

const fieldOf = (path: string) => (path === 'name' ? 'name' : path.startsWith('event') ? 'event' : null);

/** Create or change a rule: its name, the event it waits for, its conditions and actions. */
export function RuleForm(props: { rule: Rule | null; choices: RuleChoices; onSave: (input: RuleInput) => Promise<void>; onCancel?: () => void }) {
  const { rule, choices } = props;
  const [name, setName] = useState(rule?.name ?? '');
  const [event, setEvent] = useState<RuleEvent['type']>(rule?.event.type ?? 'conversation_created');
  const [minutes, setMinutes] = useState(rule && 'minutes' in rule.event ? rule.event.minutes : 10);
  const [conditions, setConditions] = useState<Condition[]>(rule?.conditions ?? []);
  const [actions, setActions] = useState<RuleAction[]>(rule?.actions ?? [blankAction('set_priority', choices)]);
  const form = useForm(fieldOf);
  const id = rule ? `rule-${rule.id}` : 'new-rule';
  const timed = event === 'waited' || event === 'no_first_reply';

  function save(e: Event) {
    e.preventDefault();
    void form.run(async () => {
      const ev = (timed ? { type: event, minutes } : { type: event }) as RuleEvent;
      await props.onSave({ name: name.trim(), enabled: rule?.enabled ?? true, event: ev, conditions, actions });
      if (!rule) {
        setName('');
        setConditions([]);
        setActions([blankAction('set_priority', choices)]);
      }
    });
  }

  const at = <T,>(list: T[], i: number, v: T) => list.map((x, j) => (j === i ? v : x));
  return (
    <form class="subform rule-form" onSubmit={save} ref={form.ref} aria-label={rule ? `Edit rule ${rule.name}` : 'New rule'}>
      <Field id={`${id}-name`} label="Rule name" error={form.errors.fields.name}>
        <input {...invalidProps(`${id}-name`, form.errors.fields.name)} required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </Field>
      <div class="form-inline">
        <Field id={`${id}-event`} label="When" error={form.errors.fields.event}>
          <select
            {...invalidProps(`${id}-event`, form.errors.fields.event)}
            value={event}
            onChange={(e) => setEvent(e.currentTarget.value as RuleEvent['type'])}
          >
            {EVENTS.map((x) => (
              <option key={x.type} value={x.type}>
                {x.label}
              </option>
            ))}
          </select>
        </Field>
        {timed && (
          <Field id={`${id}-minutes`} label="Minutes" error={undefined}>
            <input id={`${id}-minutes`} type="number" min={1} max={10080} required value={minutes} onInput={(e) => setMinutes(Number(e.currentTarget.value))} />
          </Field>
        )}
      </div>
      <fieldset>
        <legend>If (every condition holds)</legend>
        {conditions.length === 0 && <p class="muted small">No conditions: every conversation.</p>}
        <ul class="rule-rows">
          {conditions.map((c, i) => (
            <ConditionRow
              key={i}
              n={i + 1}
              value={c}
              choices={choices}
              onChange={(v) => setConditions(at(conditions, i, v))}
              onRemove={() => setConditions(conditions.filter((_, j) => j !== i))}
            />
          ))}
        </ul>
        <button type="button" class="btn btn-sm" onClick={() => setConditions([...conditions, blankCondition('priority', choices)])}>
          Add condition
        </button>
      </fieldset>
      <fieldset>
        <legend>Then</legend>
        <ul class="rule-rows">
          {actions.map((a, i) => (
            <ActionRow
              key={i}
              n={i + 1}
              value={a}
              choices={choices}
              onChange={(v) => setActions(at(actions, i, v))}
              onRemove={() => setActions(actions.filter((_, j) => j !== i))}
            />
          ))}
        </ul>
        <button type="button" class="btn btn-sm" onClick={() => setActions([...actions, blankAction('set_priority', choices)])}>
          Add action
        </button>
      </fieldset>
      <div class="form-inline">
        <button type="submit" class="btn btn-sm btn-primary" disabled={form.busy}>
          {rule ? 'Save rule' : 'Create rule'}
        </button>
        {props.onCancel && (
          <button type="button" class="btn btn-ghost btn-sm" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
      <FormAlert message={form.errors.form} />
    </form>
  );
}
