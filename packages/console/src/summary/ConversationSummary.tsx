/**
 * The conversation's latest summary (G4): the visitor's problem, what was
 * done, what is pending, with why and when it was made, and "Summarize" to
 * make one now. New summaries arrive as `summary` frames; one made when the
 * conversation came to this operator (a transfer, an escalation, a bot's
 * handover) is shown prominently. Text is rendered as text.
 */
import type { ConversationSummaryDto } from '@switchboard/protocol';
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { onServerFrame } from '../realtime/connection';
import { useStore } from '../store';
import { isForReceiver, listSummaries, REASON_LABEL, summarize, withSummary } from './summary-api';

const at = (ms: number) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);

export function ConversationSummary({ id }: { id: string }) {
  const meId = useStore((s) => s.me?.id ?? null);
  const [list, setList] = useState<ConversationSummaryDto[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setList([]);
    setError(null);
    listSummaries(id)
      .then((items) => live && setList((now) => items.reduce(withSummary, now)))
      .catch(() => {});
    const off = onServerFrame((f) => {
      if (f.type === 'summary' && f.conversationId === id) setList((now) => withSummary(now, f.summary));
    });
    return () => {
      live = false;
      off();
    };
  }, [id]);

  const make = async () => {
    setBusy(true);
    setError(null);
    try {
      const s = await summarize(id);
      setList((now) => withSummary(now, s));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const latest = list[0];
  const prominent = !!latest && isForReceiver(latest, meId);
  return (
    <section class={`summary-panel${prominent ? ' summary-prominent' : ''}`} aria-label="Conversation summary">
      <div class="summary-head">
        <h2>Summary</h2>
        {latest && (
          <span class="muted summary-meta">
            {REASON_LABEL[latest.reason]} · <time dateTime={new Date(latest.createdAt).toISOString()}>{at(latest.createdAt)}</time>
            {latest.source === 'model' ? ' · written by the language model' : ''}
          </span>
        )}
        <button type="button" class="btn btn-ghost btn-sm" onClick={() => void make()} disabled={busy}>
          {busy ? 'Summarizing…' : 'Summarize'}
        </button>
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {latest ? (
        <div class="summary-parts">
          <Part title="Problem" lines={latest.problem} empty="Not stated yet" />
          <Part title="Done" lines={latest.done} empty="Nothing yet" />
          <Part title="Pending" lines={latest.pending} empty="Nothing pending" />
        </div>
      ) : (
        <p class="muted summary-none">No summary yet: one is made on transfer, escalation and resolve, or now with Summarize.</p>
      )}
    </section>
  );
}

function Part({ title, lines, empty }: { title: string; lines: string[]; empty: string }) {
  return (
    <div class="summary-part">
      <h3>{title}</h3>
      {lines.length ? (
        <ul aria-label={title}>
          {lines.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      ) : (
        <p class="muted">{empty}</p>
      )}
    </div>
  );
}
