import { useStore } from '../store';
import { Icon } from '../ui/icons';
import { collisionText } from './team';

/** Who else is in this conversation: "Olivia is replying", "Sam is viewing". Operators only ever see it. */
export function PresenceLine({ id }: { id: string }) {
  const view = useStore((s) => s.team.byId[id]);
  const meId = useStore((s) => s.me?.id ?? null);
  const text = collisionText(view, meId);
  return (
    <p class="collision" aria-live="polite">
      {text && (
        <>
          <Icon name="eye" size={13} />
          {text}
        </>
      )}
    </p>
  );
}
