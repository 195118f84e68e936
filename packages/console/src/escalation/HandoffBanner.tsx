/**
 * The latest handoff note at the top of the conversation, for whoever
 * received it, until they dismiss it ("Handoff note").
 */
import { useState } from 'preact/hooks';
import { MessageText } from '../conversation/MessageText';
import { useStore } from '../store';

const KEY = 'switchboard.handoff.dismissed';
const dismissed = (): string[] => {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '[]') as string[];
  } catch {
    return [];
  }
};

export function HandoffBanner({ id }: { id: string }) {
  // The receiver: the operator it was for; for a team, whoever has it now (or, while it waits, the team).
  const note = useStore((s) => {
    const me = s.me?.id;
    const assignee = s.conversations[id]?.assigneeId ?? null;
    const last = s.team.byId[id]?.notes.filter((n) => n.kind === 'handoff').at(-1);
    if (!last || last.author.id === me) return undefined;
    return (last.toOperatorId ? last.toOperatorId === me : assignee === null || assignee === me) ? last : undefined;
  });
  const [, setGone] = useState(0);
  if (!note || dismissed().includes(note.id)) return null;
  return (
    <section class="handoff-banner" aria-label="Handoff note">
      <p class="handoff-title">
        <strong>Handoff note</strong> from {note.author.name}
      </p>
      <MessageText text={note.body} mentions={note.mentions} />
      <button
        type="button"
        class="btn btn-ghost btn-sm"
        onClick={() => {
          localStorage.setItem(KEY, JSON.stringify([...dismissed().slice(-200), note.id]));
          setGone((n) => n + 1);
        }}
      >
        Dismiss
      </button>
    </section>
  );
}
