import { useEffect, useRef, useState } from 'preact/hooks';
import { assignToMe } from '../conversation/actions';
import { useStore } from '../store';

/** "Assign to me"; when another operator holds the conversation, it asks first (a modal dialog). */
export function AssignToMe({ id }: { id: string }) {
  const assigneeId = useStore((s) => s.conversations[id]?.assigneeId ?? null);
  const meId = useStore((s) => s.me?.id ?? null);
  const holder = useStore((s) => (assigneeId ? (s.operators[assigneeId]?.name ?? 'Another operator') : null));
  const [asking, setAsking] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  const held = assigneeId !== null && assigneeId !== meId;

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (asking && !d.open) d.showModal();
    if (!asking && d.open) d.close();
  }, [asking]);

  return (
    <>
      <button type="button" class="btn btn-sm" onClick={() => (held ? setAsking(true) : void assignToMe(id))}>
        Assign to me
      </button>
      <dialog ref={ref} class="dialog" aria-labelledby={`take-over-${id}`} aria-describedby={`take-over-why-${id}`} onClose={() => setAsking(false)}>
        <h2 id={`take-over-${id}`}>Take over from {holder}?</h2>
        <p id={`take-over-why-${id}`} class="muted">
          {holder} is handling this conversation. Assigned to you, it leaves their Mine view.
        </p>
        <div class="form-actions">
          <button type="button" class="btn btn-sm" onClick={() => setAsking(false)}>
            Cancel
          </button>
          <button
            type="button"
            class="btn btn-primary btn-sm"
            onClick={() => {
              setAsking(false);
              void assignToMe(id);
            }}
          >
            Take over
          </button>
        </div>
      </dialog>
    </>
  );
}
