import { openChat } from '../conversation/actions';
import { dispatch, useStore } from '../store';
import { Icon } from '../ui/icons';

/** Mentions that came while their conversation was not on screen, until opened or dismissed. */
export function MentionAlerts() {
  const alerts = useStore((s) => s.team.alerts);
  return (
    <div class="mention-alerts" aria-live="polite">
      {alerts.map((a) => (
        <div key={a.conversationId} class="mention-alert">
          <Icon name="lock" size={14} />
          <div class="mention-alert-text">
            <strong>{a.by} mentioned you in a note</strong>
            <span class="muted">{a.preview}</span>
          </div>
          <button type="button" class="btn btn-sm btn-primary" onClick={() => openChat(a.conversationId)}>
            Open conversation
          </button>
          <button
            type="button"
            class="btn btn-ghost btn-sm icon-btn"
            aria-label={`Dismiss the mention by ${a.by}`}
            onClick={() => dispatch({ type: 'team', action: { kind: 'dismiss', conversationId: a.conversationId } })}
          >
            <Icon name="x" size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
