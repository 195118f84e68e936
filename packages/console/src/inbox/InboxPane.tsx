import { useEffect, useMemo, useRef } from 'preact/hooks';
import { takeFocusRequest } from '../ui/focus';
import { useStore } from '../store';
import { type ActiveStatus, byStatus, countLabel, listOf, STATUSES, type View, VIEWS } from './conversations';
import { ConversationItem } from './ConversationItem';
import { loadList, selectLabel, selectStatus, selectView } from './load';
import { ExportConversations } from '../record/ExportConversations';
import { QueuePanel } from '../routing/QueuePanel';

export function InboxPane({ activeId }: { activeId: string | null }) {
  const view = useStore((s) => s.view);
  const status = useStore((s) => s.status);
  const list = useStore((s) => s.list);
  const conversations = useStore((s) => s.conversations);
  const unread = useStore((s) => s.unread);
  const operators = useStore((s) => s.operators);
  const labels = useStore((s) => s.labels);
  const labelFilter = useStore((s) => s.labelFilter);
  const counts = useStore((s) => s.counts);
  const me = useStore((s) => s.me);
  const mentioned = useStore((s) => s.mentioned);
  const hasConversations = useStore((s) => s.hasConversations);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    // After the first render of everything else (the reply box takes the focus when a chat mounts).
    if (takeFocusRequest('conversations')) requestAnimationFrame(() => ref.current?.focus());
  }, []);
  const meId = me?.id ?? null;
  const filter = useMemo(() => ({ view, status, meId, label: labelFilter, mentioned }), [view, status, meId, labelFilter, mentioned]);
  const items = useMemo(() => listOf(conversations, filter), [conversations, filter]);
  const labelList = useMemo(() => Object.values(labels).sort((a, b) => a.name.localeCompare(b.name)), [labels]);
  const now = Date.now();

  return (
    <section class="inbox" aria-label="Conversations" id="conversations" tabIndex={-1} ref={ref}>
      <div class="inbox-head">
        <fieldset class="views">
          <legend class="sr-only">Inbox view</legend>
          {VIEWS.map((v) => (
            <button key={v.id} type="button" class="view-btn" aria-pressed={view === v.id} onClick={() => selectView(v.id)}>
              {v.label}
              {counts && (
                <>
                  {' '}
                  <span class="view-count">{countLabel(counts.values[v.id] ?? 0, counts.cap)}</span>
                </>
              )}
            </button>
          ))}
        </fieldset>
        <div class="inbox-filters">
          {byStatus(view) && (
            <label class="status-filter">
              <select aria-label="Status" value={status} onChange={(e) => selectStatus(e.currentTarget.value as ActiveStatus)}>
                {STATUSES.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          {labelList.length > 0 && (
            <label class="label-filter">
              <select aria-label="Label" value={labelFilter ?? ''} onChange={(e) => selectLabel(e.currentTarget.value || null)}>
                <option value="">All labels</option>
                {labelList.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <ExportConversations />
        </div>
      </div>
      {list.error && (
        <p class="inbox-error" role="alert">
          {list.error}{' '}
          <button type="button" class="btn btn-ghost btn-sm" onClick={() => void loadList()}>
            Try again
          </button>
        </p>
      )}
      <QueuePanel />
      <div class="inbox-body">
        <ul class="conv-list" aria-busy={list.loading}>
          {items.map((c) => (
            <ConversationItem
              key={c.id}
              conversation={c}
              unread={unread[c.id] ?? 0}
              active={c.id === activeId}
              assignee={c.assigneeId ? (operators[c.assigneeId]?.name ?? null) : null}
              labels={c.labels.flatMap((id) => (labels[id] ? [labels[id]] : []))}
              now={now}
              meId={meId}
            />
          ))}
        </ul>
        {items.length === 0 && !list.loading && !list.error && hasConversations !== null && (
          <p class="inbox-empty">
            {hasConversations ? emptyText(view, status, !!labelFilter) : 'No conversations yet. They appear here as soon as a visitor writes.'}
          </p>
        )}
        {list.nextCursor && (
          <button type="button" class="btn btn-ghost btn-block load-more" disabled={list.loading} onClick={() => void loadList(true)}>
            {list.loading ? 'Loading…' : 'Load more'}
          </button>
        )}
      </div>
    </section>
  );
}

function emptyText(view: View, status: ActiveStatus, labelled: boolean): string {
  if (labelled) return 'No conversation here has this label.';
  if (view === 'mentions') return 'Nobody mentioned you in a note you have not seen.';
  if (view === 'snoozed') return 'Nothing is snoozed.';
  if (view === 'resolved') return 'No resolved conversations yet.';
  if (status !== 'open') return `No ${status} conversations here.`;
  if (view === 'mine') return 'Nothing assigned to you. Take one from Unassigned.';
  if (view === 'unassigned') return 'All caught up: every conversation has an operator.';
  return 'No open conversations yet. They appear here as visitors write.';
}
