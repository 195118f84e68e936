import type { ConversationStatus } from '@switchboard/protocol';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { takeFocusRequest } from '../ui/focus';
import { useStore } from '../store';
import { listOf, STATUSES, VIEWS } from './conversations';
import { ConversationItem } from './ConversationItem';
import { loadList, selectStatus, selectView } from './load';

export function InboxPane({ activeId }: { activeId: string | null }) {
  const view = useStore((s) => s.view);
  const status = useStore((s) => s.status);
  const list = useStore((s) => s.list);
  const conversations = useStore((s) => s.conversations);
  const unread = useStore((s) => s.unread);
  const operators = useStore((s) => s.operators);
  const meId = useStore((s) => s.me?.id ?? null);
  const hasConversations = useStore((s) => s.hasConversations);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    // After the first render of everything else (the reply box takes the focus when a chat mounts).
    if (takeFocusRequest('conversations')) requestAnimationFrame(() => ref.current?.focus());
  }, []);
  const items = useMemo(() => listOf(conversations, view, status, meId), [conversations, view, status, meId]);
  const now = Date.now();

  return (
    <section class="inbox" aria-label="Conversations" id="conversations" tabIndex={-1} ref={ref}>
      <div class="inbox-head">
        <fieldset class="views">
          <legend class="sr-only">Inbox view</legend>
          {VIEWS.map((v) => (
            <button key={v.id} type="button" class="view-btn" aria-pressed={view === v.id} onClick={() => selectView(v.id)}>
              {v.label}
            </button>
          ))}
        </fieldset>
        <label class="status-filter">
          <span class="sr-only">Status</span>
          <select value={status} onChange={(e) => selectStatus(e.currentTarget.value as ConversationStatus)}>
            {STATUSES.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {list.error && (
        <p class="inbox-error" role="alert">
          {list.error}{' '}
          <button type="button" class="btn btn-ghost btn-sm" onClick={() => void loadList()}>
            Try again
          </button>
        </p>
      )}
      <div class="inbox-body">
        <ul class="conv-list" aria-busy={list.loading}>
          {items.map((c) => (
            <ConversationItem
              key={c.id}
              conversation={c}
              unread={unread[c.id] ?? 0}
              active={c.id === activeId}
              assignee={c.assigneeId ? (operators[c.assigneeId]?.name ?? null) : null}
              now={now}
              meId={meId}
            />
          ))}
        </ul>
        {items.length === 0 && !list.loading && !list.error && hasConversations !== null && (
          <p class="inbox-empty">{hasConversations ? emptyText(view, status) : 'No conversations yet. They appear here as soon as a visitor writes.'}</p>
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

function emptyText(view: string, status: ConversationStatus): string {
  if (status !== 'open') return `No ${status} conversations here.`;
  if (view === 'mine') return 'Nothing assigned to you. Take one from Unassigned.';
  if (view === 'unassigned') return 'All caught up: every conversation has an operator.';
  return 'No open conversations yet. They appear here as visitors write.';
}
