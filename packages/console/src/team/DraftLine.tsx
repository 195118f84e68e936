import { useStore } from '../store';

/**
 * Sneak peek: what the visitor is typing and has not sent, under the
 * messages. The server took out card numbers and the like before it came.
 * Not a live region: it changes with every keystroke the visitor makes.
 */
export function DraftLine({ id }: { id: string }) {
  const draft = useStore((s) => s.team.byId[id]?.draft ?? null);
  if (!draft) return null;
  return (
    <div class="draft-line">
      <span class="draft-label">Visitor is writing (not sent):</span> <span class="draft-text">{draft}</span>
    </div>
  );
}
