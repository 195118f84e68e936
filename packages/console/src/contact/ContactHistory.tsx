/** The contact's whole history: every conversation across all its visitors, newest first, each opening the conversation. */
import type { ConversationSummary } from '@switchboard/protocol';
import { useEffect, useId, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { useStore } from '../store';
import { FormAlert } from '../ui/Field';
import { fullTime } from '../ui/time';
import { contactApi } from './contact-api';

export function ContactHistory({ contactId, revision }: { contactId: string; revision: number }) {
  const [items, setItems] = useState<ConversationSummary[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const operators = useStore((s) => s.operators);
  const id = useId();
  useEffect(() => {
    contactApi.conversations(contactId).then(
      (p) => {
        setItems(p.items);
        setNext(p.nextCursor);
      },
      (err) => setError(messageOf(err)),
    );
  }, [contactId, revision]);
  const more = async () => {
    if (!next) return;
    const p = await contactApi.conversations(contactId, next);
    setItems((list) => [...(list ?? []), ...p.items]);
    setNext(p.nextCursor);
  };
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Conversations</h2>
      <FormAlert message={error} />
      {items?.length === 0 && <p class="muted small">No conversations yet.</p>}
      <ul class="contact-history">
        {items?.map((c) => (
          <li key={c.id}>
            <a href={`#/c/${c.id}`}>
              <span class="history-preview">{c.lastMessage?.preview || 'No messages yet'}</span>
            </a>
            <span class="muted small">
              <span class={`pill pill-${c.status}`}>{c.status}</span> started {fullTime(c.createdAt)}
              {c.assigneeId && operators[c.assigneeId] ? ` · ${operators[c.assigneeId]!.name}` : ''}
            </span>
          </li>
        ))}
      </ul>
      {next && (
        <button type="button" class="btn btn-ghost btn-sm" onClick={() => void more()}>
          Load more conversations
        </button>
      )}
    </section>
  );
}
