/**
 * The conversation header's tools for working it: labels ("Add label"),
 * "Snooze" (until a time or the visitor's reply) and "Merge" (another
 * conversation of the same visitor or contact into this one).
 */
import type { ConversationSummary } from '@switchboard/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, messageOf } from '../api';
import { visitorName } from '../inbox/conversations';
import { dispatch, useStore } from '../store';
import { LabelChip } from '../ui/LabelChip';
import { LabelPicker } from '../ui/LabelPicker';
import { Icon } from '../ui/icons';
import { Popover } from '../ui/Popover';
import { fullTime, shortTime } from '../ui/time';
import { mergeInto, setLabels, snooze } from './actions';
import { fromLocalInput, snoozeChoices } from './snooze-times';

/** Which tool a keyboard shortcut opened (ui/keyboard.ts sets it). */
export type Tool = 'labels' | 'snooze' | 'merge' | null;

export function ConversationLabels({ c }: { c: ConversationSummary }) {
  const labels = useStore((s) => s.labels);
  const shown = c.labels.flatMap((id) => (labels[id] ? [labels[id]] : []));
  if (shown.length === 0) return null;
  return (
    <span class="conv-labels">
      {shown.map((l) => (
        <LabelChip key={l.id} label={l} onRemove={() => void setLabels(c.id, { remove: [l.id] })} />
      ))}
    </span>
  );
}

export function LabelTool({ c, open, onOpen }: { c: ConversationSummary; open: boolean; onOpen: (o: boolean) => void }) {
  return <LabelPicker selected={c.labels} onChange={(change) => setLabels(c.id, change)} panelName="Labels" open={open} onOpen={onOpen} compact />;
}

export function SnoozeTool({ c, open, onOpen }: { c: ConversationSummary; open: boolean; onOpen: (o: boolean) => void }) {
  const [custom, setCustom] = useState('');
  const [error, setError] = useState<string | null>(null);
  const now = Date.now();
  const choose = async (until: number | null) => {
    setError(null);
    if (await snooze(c.id, until)) onOpen(false);
  };
  return (
    <Popover label={<Icon name="clock" />} name="Snooze" open={open} onOpen={onOpen} panelName="Snooze until" class="btn-ghost icon-btn">
      <ul class="pick-list">
        {snoozeChoices(now).map((choice) => (
          <li key={choice.label}>
            <button type="button" class="pick" onClick={() => void choose(choice.until)}>
              {choice.label}
              {choice.until !== null && <span class="muted small">{shortTime(choice.until, now)}</span>}
            </button>
          </li>
        ))}
      </ul>
      <form
        class="snooze-custom"
        onSubmit={(e) => {
          e.preventDefault();
          const until = fromLocalInput(custom);
          if (!until || until <= Date.now()) setError('Choose a time in the future');
          else void choose(until);
        }}
      >
        <label class="field">
          <span>Choose a time</span>
          <input type="datetime-local" value={custom} onInput={(e) => setCustom(e.currentTarget.value)} aria-invalid={error ? 'true' : undefined} />
        </label>
        {error && <p class="field-error">{error}</p>}
        <button type="submit" class="btn btn-sm">
          Snooze until then
        </button>
      </form>
      {c.status === 'snoozed' && (
        <p class="muted small">{c.snoozedUntil ? `Snoozed until ${fullTime(c.snoozedUntil)}` : 'Snoozed until the visitor replies'}</p>
      )}
    </Popover>
  );
}

/** "Merge": pick another conversation of the same visitor or contact; it moves into this one. */
export function MergeTool({ c, open, onOpen }: { c: ConversationSummary; open: boolean; onOpen: (o: boolean) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [items, setItems] = useState<ConversationSummary[] | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      setItems(null);
      api.related(c.id).then(
        (r) => setItems(r.items),
        (err) => {
          dispatch({ type: 'notice', message: messageOf(err) });
          onOpen(false);
        },
      );
    }
    if (!open && d.open) d.close();
  }, [open, c.id, onOpen]);
  const merge = async (from: ConversationSummary) => {
    setBusy(true);
    const ok = await mergeInto(c.id, from.id);
    setBusy(false);
    if (ok) onOpen(false);
  };
  return (
    <>
      <button type="button" class="btn btn-ghost btn-sm icon-btn" onClick={() => onOpen(true)} aria-label="Merge" title="Merge">
        <Icon name="merge" />
      </button>
      <dialog ref={ref} class="dialog" aria-labelledby={`merge-${c.id}`} onClose={() => onOpen(false)}>
        <div class="dialog-head">
          <h2 id={`merge-${c.id}`}>Merge into this conversation</h2>
          <button class="btn btn-ghost btn-sm" type="button" onClick={() => onOpen(false)}>
            Close
          </button>
        </div>
        <p class="muted small">
          The conversation you choose moves here: every message of both, in time order. It is closed, with a pointer to this one, and anyone following it is
          moved over.
        </p>
        {items === null ? (
          <p class="muted">Loading…</p>
        ) : items.length === 0 ? (
          <p class="muted">{visitorName(c)} has no other conversation to merge.</p>
        ) : (
          <ul class="merge-list">
            {items.map((o) => (
              <li key={o.id}>
                <span>
                  <strong>{o.lastMessage?.preview ?? 'No messages yet'}</strong>
                  <span class="muted small">
                    {' '}
                    · {o.status} · started {fullTime(o.createdAt)}
                  </span>
                </span>
                <button type="button" class="btn btn-sm" disabled={busy} onClick={() => void merge(o)}>
                  Merge this one
                </button>
              </li>
            ))}
          </ul>
        )}
      </dialog>
    </>
  );
}
