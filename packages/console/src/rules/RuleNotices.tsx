import type { ServerFrame } from '@switchboard/protocol';
import { useEffect, useState } from 'preact/hooks';
import { openChat } from '../conversation/actions';
import { onServerFrame } from '../realtime/connection';
import { beep } from '../realtime/notify';
import { Icon } from '../ui/icons';

type Notice = Extract<ServerFrame, { type: 'ruleNotice' }>;

/** What rules asked supervisors to look at (a "Notify supervisors" action), until opened or dismissed; the latest five. */
export function RuleNotices() {
  const [notices, setNotices] = useState<Notice[]>([]);
  useEffect(
    () =>
      onServerFrame((f) => {
        if (f.type !== 'ruleNotice') return;
        beep();
        setNotices((list) => [f, ...list.filter((n) => n.conversationId !== f.conversationId || n.ruleId !== f.ruleId)].slice(0, 5));
      }),
    [],
  );
  const dismiss = (n: Notice) => setNotices((list) => list.filter((x) => x !== n));
  if (notices.length === 0) return null;
  return (
    <section class="mention-alerts rule-notices" aria-live="polite" aria-label="Rule notices">
      {notices.map((n) => (
        <div key={`${n.ruleId}:${n.conversationId}`} class="mention-alert">
          <Icon name="lock" size={14} />
          <div class="mention-alert-text">
            <strong>Rule {n.ruleName}</strong>
            <span class="muted">{n.text}</span>
          </div>
          <button
            type="button"
            class="btn btn-sm btn-primary"
            onClick={() => {
              dismiss(n);
              openChat(n.conversationId);
            }}
          >
            Open conversation
          </button>
          <button type="button" class="btn btn-ghost btn-sm icon-btn" aria-label={`Dismiss the notice of rule ${n.ruleName}`} onClick={() => dismiss(n)}>
            <Icon name="x" size={14} />
          </button>
        </div>
      ))}
    </section>
  );
}
