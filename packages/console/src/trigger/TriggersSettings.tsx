/**
 * Settings → Triggers (E1): per website inbox, the proactive messages the
 * widget shows when their conditions hold, with their figures (shown,
 * replied, reply rate, purchases and revenue attributed to them, and which
 * message of an A/B split wins). Owners and admins add, change and delete
 * them; supervisors read them.
 */
import { formatMoney, PROPERTY_OPS, type PropertyCondition, type PropertyOp, type TriggerSender } from '@switchboard/protocol';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '@switchboard/widget/languages';
import { useEffect, useState } from 'preact/hooks';
import { api, type Inbox, messageOf, request } from '../api';
import { Field, FormAlert } from '../ui/Field';
import { useForm } from '../ui/use-form';
import { type Trigger, type TriggerSettings, type TriggerStats, triggerApi } from './trigger-api';

const OP_NAMES: Record<PropertyOp, string> = {
  eq: 'equals',
  neq: 'does not equal',
  gt: 'greater than',
  gte: 'at least',
  lt: 'less than',
  lte: 'at most',
  contains: 'contains',
};

const EMPTY: TriggerSettings = {
  name: '',
  enabled: true,
  conditions: {},
  messages: { a: {} },
  sender: { kind: 'bot' },
  delaySeconds: 0,
  frequency: { per: 'visitor' },
  onlyWhen: 'always',
};

/** The form field a refused body path belongs to. */
function fieldOf(path: string): string | null {
  const [head, second] = path.split('.');
  if (head === 'conditions') return second === 'event' ? 'event' : (second ?? null);
  if (head === 'messages') return second === 'b' ? 'messageB' : second === 'split' ? 'split' : 'message';
  if (head === 'frequency') return 'frequency';
  return head ?? null;
}

const percent = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);
const revenueText = (s: { revenue: { currency: string; valueMinor: number }[] }) =>
  s.revenue.length ? s.revenue.map((r) => formatMoney(r.valueMinor, r.currency)).join(', ') : '—';
const winnerText = (s: TriggerStats) => (s.winner.variant ? `${s.winner.variant.toUpperCase()} wins` : s.variants.b ? 'No winner yet' : '—');

export function TriggersSettings({ canEdit }: { canEdit: boolean }) {
  const [inboxes, setInboxes] = useState<Inbox[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.inboxes().then(
      (r) => setInboxes(r.items.filter((i) => i.kind !== 'email')),
      (err) => setError(messageOf(err)),
    );
  }, []);
  return (
    <section class="card" aria-labelledby="triggers-title">
      <h2 id="triggers-title">Triggers</h2>
      <p class="muted small">
        Start the conversation at the right moment: a message from an operator, the team or the bot appears beside the launcher when the visitor’s page, time,
        visit, source or the site’s own events match. Evaluated in the visitor’s browser; counted when shown and when the visitor replies.
      </p>
      <FormAlert message={error} />
      {inboxes === null && !error && <p class="muted">Loading…</p>}
      {inboxes?.map((inbox) => (
        <InboxTriggers key={inbox.id} inbox={inbox} canEdit={canEdit} />
      ))}
    </section>
  );
}

function InboxTriggers({ inbox, canEdit }: { inbox: Inbox; canEdit: boolean }) {
  const [items, setItems] = useState<Trigger[] | null>(null);
  const [editing, setEditing] = useState<Trigger | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    triggerApi.list(inbox.id).then(
      (r) => setItems(r.items),
      (err) => setError(messageOf(err)),
    );
  useEffect(() => {
    void load();
  }, [inbox.id]);

  async function remove(t: Trigger) {
    if (!window.confirm(`Delete the trigger ${t.name}? Its figures go with it.`)) return;
    try {
      await triggerApi.remove(t.id);
      await load();
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <div class="triggers-inbox">
      <h3 class="small">{inbox.name}</h3>
      <FormAlert message={error} />
      {items && items.length === 0 && <p class="muted small">No triggers yet.</p>}
      {items && items.length > 0 && (
        <table class="table triggers-table">
          <caption class="sr-only">Triggers of {inbox.name}</caption>
          <thead>
            <tr>
              <th scope="col">Trigger</th>
              <th scope="col">Shown</th>
              <th scope="col">Replied</th>
              <th scope="col">Reply rate</th>
              <th scope="col">Purchases</th>
              <th scope="col">Revenue</th>
              <th scope="col">A/B</th>
              {canEdit && (
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {items.map((t) => (
              <tr key={t.id}>
                <th scope="row">
                  {t.name}
                  {!t.enabled && <span class="muted small"> (off)</span>}
                </th>
                <td>{t.stats.shown}</td>
                <td>{t.stats.replied}</td>
                <td>{percent(t.stats.replyRate)}</td>
                <td>{t.stats.purchases}</td>
                <td>{revenueText(t.stats)}</td>
                <td title={t.stats.winner.reason}>{winnerText(t.stats)}</td>
                {canEdit && (
                  <td class="row-actions">
                    <button type="button" class="btn btn-sm" onClick={() => setEditing(t)} aria-label={`Edit ${t.name}`}>
                      Edit
                    </button>
                    <button type="button" class="btn btn-sm btn-ghost" onClick={() => void remove(t)} aria-label={`Delete ${t.name}`}>
                      Delete
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && editing === null && (
        <button type="button" class="btn btn-sm" onClick={() => setEditing('new')}>
          Add trigger
        </button>
      )}
      {canEdit && editing !== null && (
        <TriggerForm
          inbox={inbox}
          trigger={editing === 'new' ? null : editing}
          onDone={() => {
            setEditing(null);
            void load();
          }}
        />
      )}
    </div>
  );
}

type Option = { value: string; label: string };

/** What the form edits of a trigger (its id, place and figures are not sent back). */
function settingsOf(t: Trigger): TriggerSettings {
  const { name, enabled, conditions, messages, sender, delaySeconds, frequency, onlyWhen } = t;
  return { name, enabled, conditions, messages, sender, delaySeconds, frequency, onlyWhen };
}

function TriggerForm({ inbox, trigger, onDone }: { inbox: Inbox; trigger: Trigger | null; onDone: () => void }) {
  const [v, setV] = useState<TriggerSettings>(trigger ? settingsOf(trigger) : EMPTY);
  const [lang, setLang] = useState<Language>('en');
  const [hasB, setHasB] = useState(!!trigger?.messages.b);
  const [senders, setSenders] = useState<Option[]>([{ value: 'bot', label: 'The bot' }]);
  const form = useForm(fieldOf);
  const id = `trigger-${trigger?.id ?? `new-${inbox.id}`}`;
  useEffect(() => {
    void Promise.all([api.operators(), request<{ items: { id: string; name: string }[] }>('GET', '/teams')]).then(([ops, teams]) =>
      setSenders([
        { value: 'bot', label: 'The bot' },
        ...teams.items.map((t) => ({ value: `team:${t.id}`, label: `Team: ${t.name}` })),
        ...ops.items.map((o) => ({ value: `operator:${o.id}`, label: o.name })),
      ]),
    );
  }, []);
  const c = v.conditions;
  const setC = (patch: Partial<TriggerSettings['conditions']>) => setV({ ...v, conditions: { ...c, ...patch } });
  const text = (s: string) => (s.trim() === '' ? undefined : s);
  const count = (s: string) => (s.trim() === '' ? undefined : Number(s));
  const senderValue = (s: TriggerSender) => (s.kind === 'bot' ? 'bot' : s.kind === 'team' ? `team:${s.teamId}` : `operator:${s.operatorId}`);
  const senderOf = (value: string): TriggerSender => {
    const [kind, ref] = value.split(':') as [string, string];
    return kind === 'team' ? { kind: 'team', teamId: ref } : kind === 'operator' ? { kind: 'operator', operatorId: ref } : { kind: 'bot' };
  };
  const setMessage = (variant: 'a' | 'b', value: string) => {
    const current = { ...(v.messages[variant] ?? {}) };
    if (value === '') delete current[lang];
    else current[lang] = value;
    setV({ ...v, messages: { ...v.messages, [variant]: current } });
  };
  const event = c.event;
  const setRule = (i: number, patch: Partial<PropertyCondition>) => {
    if (!event) return;
    setC({ event: { ...event, conditions: event.conditions.map((r, j) => (j === i ? { ...r, ...patch } : r)) } });
  };

  function save(e: Event) {
    e.preventDefault();
    const messages = hasB ? v.messages : { a: v.messages.a };
    const body: TriggerSettings = { ...v, messages };
    void form.run(async () => {
      if (trigger) await triggerApi.update(trigger.id, body);
      else await triggerApi.create(inbox.id, body);
      onDone();
    });
  }

  const err = form.errors.fields;
  return (
    <form class="trigger-form" onSubmit={save} ref={form.ref} aria-label={trigger ? `Edit trigger ${trigger.name}` : `New trigger for ${inbox.name}`}>
      <Field id={`${id}-name`} label="Trigger name" error={err.name}>
        <input id={`${id}-name`} required maxLength={100} value={v.name} onInput={(e) => setV({ ...v, name: e.currentTarget.value })} />
      </Field>
      <label class="check">
        <input type="checkbox" checked={v.enabled} onChange={(e) => setV({ ...v, enabled: e.currentTarget.checked })} /> Enabled
      </label>

      <fieldset>
        <legend>When</legend>
        <Field id={`${id}-url`} label="URL pattern" error={err.urlPattern}>
          <input
            id={`${id}-url`}
            placeholder="*/products/*"
            aria-describedby={`${id}-url-hint`}
            value={c.urlPattern ?? ''}
            onInput={(e) => setC({ urlPattern: text(e.currentTarget.value) })}
          />
          <span id={`${id}-url-hint`} class="muted small">
            The page address; * matches anything.
          </span>
        </Field>
        <div class="form-row">
          <Field id={`${id}-time`} label="Time on page (seconds)" error={err.timeOnPage}>
            <input id={`${id}-time`} type="number" min={0} value={c.timeOnPage ?? ''} onInput={(e) => setC({ timeOnPage: count(e.currentTarget.value) })} />
          </Field>
          <Field id={`${id}-pages`} label="Pages viewed at least" error={err.pagesViewed}>
            <input id={`${id}-pages`} type="number" min={1} value={c.pagesViewed ?? ''} onInput={(e) => setC({ pagesViewed: count(e.currentTarget.value) })} />
          </Field>
          <Field id={`${id}-visitors`} label="Visitors" error={err.visitors}>
            <select
              id={`${id}-visitors`}
              value={c.visitors ?? 'all'}
              onChange={(e) => setC({ visitors: e.currentTarget.value as 'all' | 'new' | 'returning' })}
            >
              <option value="all">All visitors</option>
              <option value="new">New visitors</option>
              <option value="returning">Returning visitors</option>
            </select>
          </Field>
        </div>
        <Field id={`${id}-ref`} label="Referrer contains" error={err.referrerContains}>
          <input id={`${id}-ref`} value={c.referrerContains ?? ''} onInput={(e) => setC({ referrerContains: text(e.currentTarget.value) })} />
        </Field>
        <div class="form-row">
          <Field id={`${id}-utm-source`} label="UTM source" error={err.utmSource}>
            <input id={`${id}-utm-source`} value={c.utmSource ?? ''} onInput={(e) => setC({ utmSource: text(e.currentTarget.value) })} />
          </Field>
          <Field id={`${id}-utm-medium`} label="UTM medium" error={err.utmMedium}>
            <input id={`${id}-utm-medium`} value={c.utmMedium ?? ''} onInput={(e) => setC({ utmMedium: text(e.currentTarget.value) })} />
          </Field>
          <Field id={`${id}-utm-campaign`} label="UTM campaign" error={err.utmCampaign}>
            <input id={`${id}-utm-campaign`} value={c.utmCampaign ?? ''} onInput={(e) => setC({ utmCampaign: text(e.currentTarget.value) })} />
          </Field>
        </div>
        <Field id={`${id}-event`} label="Event name" error={err.event}>
          <input
            id={`${id}-event`}
            placeholder="cart_viewed"
            value={event?.name ?? ''}
            onInput={(e) => {
              const name = e.currentTarget.value;
              setC({ event: name.trim() ? { name, conditions: event?.conditions ?? [] } : undefined });
            }}
          />
        </Field>
        {event && (
          <fieldset class="event-rules">
            <legend>Event property conditions</legend>
            {event.conditions.map((r, i) => (
              <div class="form-row" key={i}>
                <Field id={`${id}-prop-${i}`} label="Property" error={undefined}>
                  <input id={`${id}-prop-${i}`} required value={r.property} onInput={(e) => setRule(i, { property: e.currentTarget.value })} />
                </Field>
                <Field id={`${id}-op-${i}`} label="Condition" error={undefined}>
                  <select id={`${id}-op-${i}`} value={r.op} onChange={(e) => setRule(i, { op: e.currentTarget.value as PropertyOp })}>
                    {PROPERTY_OPS.map((op) => (
                      <option key={op} value={op}>
                        {OP_NAMES[op]}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field id={`${id}-val-${i}`} label="Value" error={undefined}>
                  <input
                    id={`${id}-val-${i}`}
                    value={String(r.value)}
                    onInput={(e) => {
                      const raw = e.currentTarget.value;
                      setRule(i, { value: raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw });
                    }}
                  />
                </Field>
                <button
                  type="button"
                  class="btn btn-sm btn-ghost"
                  onClick={() => setC({ event: { ...event, conditions: event.conditions.filter((_, j) => j !== i) } })}
                >
                  Remove condition {i + 1}
                </button>
              </div>
            ))}
            <button
              type="button"
              class="btn btn-sm"
              onClick={() => setC({ event: { ...event, conditions: [...event.conditions, { property: '', op: 'eq', value: '' }] } })}
            >
              Add property condition
            </button>
          </fieldset>
        )}
        <label class="check">
          <input type="checkbox" checked={!!c.exitIntent} onChange={(e) => setC({ exitIntent: e.currentTarget.checked || undefined })} /> Exit intent
          <span class="muted small"> (the pointer leaves toward the top; never on touch devices)</span>
        </label>
      </fieldset>

      <fieldset>
        <legend>Message</legend>
        <Field id={`${id}-lang`} label="Language" error={undefined}>
          <select id={`${id}-lang`} value={lang} onChange={(e) => setLang(e.currentTarget.value as Language)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-message`} label="Message" error={err.message}>
          <textarea id={`${id}-message`} rows={3} maxLength={2000} value={v.messages.a[lang] ?? ''} onInput={(e) => setMessage('a', e.currentTarget.value)} />
        </Field>
        <label class="check">
          <input type="checkbox" checked={hasB} onChange={(e) => setHasB(e.currentTarget.checked)} /> A/B test a second message
        </label>
        {hasB && (
          <div class="form-row">
            <Field id={`${id}-message-b`} label="Message B" error={err.messageB}>
              <textarea
                id={`${id}-message-b`}
                rows={3}
                maxLength={2000}
                value={v.messages.b?.[lang] ?? ''}
                onInput={(e) => setMessage('b', e.currentTarget.value)}
              />
            </Field>
            <Field id={`${id}-split`} label="Visitors shown A (%)" error={err.split}>
              <input
                id={`${id}-split`}
                type="number"
                min={1}
                max={99}
                value={v.messages.split ?? 50}
                onInput={(e) => setV({ ...v, messages: { ...v.messages, split: Number(e.currentTarget.value) } })}
              />
            </Field>
          </div>
        )}
        <div class="form-row">
          <Field id={`${id}-sender`} label="Send as" error={err.sender}>
            <select id={`${id}-sender`} value={senderValue(v.sender)} onChange={(e) => setV({ ...v, sender: senderOf(e.currentTarget.value) })}>
              {senders.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${id}-delay`} label="Delay (seconds)" error={err.delaySeconds}>
            <input
              id={`${id}-delay`}
              type="number"
              min={0}
              max={3600}
              value={v.delaySeconds}
              onInput={(e) => setV({ ...v, delaySeconds: Number(e.currentTarget.value) })}
            />
          </Field>
        </div>
        <div class="form-row">
          <Field id={`${id}-cap`} label="Show at most" error={err.frequency}>
            <select
              id={`${id}-cap`}
              value={v.frequency.per}
              onChange={(e) => {
                const per = e.currentTarget.value;
                setV({ ...v, frequency: per === 'days' ? { per: 'days', days: 7 } : { per: per as 'visitor' | 'visit' } });
              }}
            >
              <option value="visitor">Once per visitor</option>
              <option value="visit">Once per visit</option>
              <option value="days">Once every few days</option>
            </select>
          </Field>
          {v.frequency.per === 'days' && (
            <Field id={`${id}-days`} label="Days between" error={undefined}>
              <input
                id={`${id}-days`}
                type="number"
                min={1}
                max={365}
                value={v.frequency.days}
                onInput={(e) => setV({ ...v, frequency: { per: 'days', days: Number(e.currentTarget.value) } })}
              />
            </Field>
          )}
          <Field id={`${id}-when`} label="Only when" error={err.onlyWhen}>
            <select id={`${id}-when`} value={v.onlyWhen} onChange={(e) => setV({ ...v, onlyWhen: e.currentTarget.value as TriggerSettings['onlyWhen'] })}>
              <option value="always">Always</option>
              <option value="operators_available">An operator is available</option>
              <option value="business_hours">Within business hours</option>
            </select>
          </Field>
        </div>
      </fieldset>
      <FormAlert message={form.errors.form} />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary btn-sm" disabled={form.busy}>
          Save trigger
        </button>
        <button type="button" class="btn btn-sm btn-ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
