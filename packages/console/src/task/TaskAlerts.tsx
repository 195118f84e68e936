/**
 * Reminders: when one of my tasks comes due, a notice (with a sound, and a
 * desktop notification when the console is in the background) until it is
 * opened, marked done or dismissed; the badge of Tasks follows.
 */
import type { ServerFrame } from '@switchboard/protocol';
import { useEffect, useState } from 'preact/hooks';
import { navigate } from '../router';
import { onServerFrame } from '../realtime/connection';
import { beep, desktopNotify } from '../realtime/notify';
import { Icon } from '../ui/icons';
import { completeTask } from './task-actions';
import { refreshTaskBadge, setOverdue, tasksChanged } from './task-badge';

type Due = Extract<ServerFrame, { type: 'taskDue' }>;

export function TaskAlerts() {
  const [alerts, setAlerts] = useState<Due[]>([]);
  useEffect(() => {
    void refreshTaskBadge();
    return onServerFrame((f) => {
      if (f.type === 'welcome') void refreshTaskBadge();
      if (f.type === 'task') {
        // Someone gave me a task, or changed, completed or deleted one of mine.
        tasksChanged();
        void refreshTaskBadge();
      }
      if (f.type !== 'taskDue') return;
      beep();
      setOverdue(f.overdue);
      tasksChanged();
      if (document.hidden || !document.hasFocus()) desktopNotify(`task:${f.task.id}`, 'Task due', f.task.title, () => navigate({ name: 'tasks' }));
      setAlerts((list) => [f, ...list.filter((a) => a.task.id !== f.task.id)].slice(0, 5));
    });
  }, []);
  const dismiss = (a: Due) => setAlerts((list) => list.filter((x) => x !== a));
  if (alerts.length === 0) return null;
  return (
    <section class="mention-alerts task-alerts" aria-live="polite" aria-label="Task reminders">
      {alerts.map((a) => (
        <div key={a.task.id} class="mention-alert" role="status">
          <Icon name="bell" size={14} />
          <div class="mention-alert-text">
            <strong>Task due: {a.task.title}</strong>
          </div>
          <button
            type="button"
            class="btn btn-sm btn-primary"
            onClick={() => {
              dismiss(a);
              if (a.task.conversationId) navigate({ name: 'conversation', id: a.task.conversationId });
              else if (a.task.contactId) navigate({ name: 'contact', id: a.task.contactId });
            }}
          >
            {a.task.conversationId ? 'Open conversation' : 'Open contact'}
          </button>
          <button
            type="button"
            class="btn btn-sm"
            onClick={() => {
              dismiss(a);
              void completeTask(a.task);
            }}
          >
            Mark done
          </button>
          <button type="button" class="btn btn-ghost btn-sm icon-btn" aria-label={`Dismiss the reminder of ${a.task.title}`} onClick={() => dismiss(a)}>
            <Icon name="x" size={14} />
          </button>
        </div>
      ))}
    </section>
  );
}
