/** One task in a list: what, when, for whom; its conversation or contact; Done (or Reopen), Snooze and Delete. */
import type { TaskDto } from '@switchboard/protocol';
import { useState } from 'preact/hooks';
import { fromLocalInput, laterChoices } from '../conversation/snooze-times';
import { Popover } from '../ui/Popover';
import { fullTime, shortTime } from '../ui/time';
import { completeTask, deleteTask, reopenTask, snoozeTask } from './task-actions';

export function TaskItem({ task, now, showSubject }: { task: TaskDto; now: number; showSubject: boolean }) {
  const overdue = task.status === 'open' && task.dueAt <= now;
  return (
    <li class={`task-item${overdue ? ' task-overdue' : ''}${task.status === 'done' ? ' task-done' : ''}`}>
      <div class="task-main">
        <strong class="task-title">{task.title}</strong>
        <span class="small muted">
          {task.status === 'done' && task.doneAt ? (
            <>
              Done <time dateTime={new Date(task.doneAt).toISOString()}>{fullTime(task.doneAt)}</time>
            </>
          ) : (
            <>
              {overdue ? <strong class="task-late">Overdue · </strong> : 'Due '}
              <time dateTime={new Date(task.dueAt).toISOString()}>{fullTime(task.dueAt)}</time>
            </>
          )}
          {' · '}for {task.assignee.name}
        </span>
        {task.note && <p class="task-note small">{task.note}</p>}
        {showSubject &&
          (task.conversationId ? (
            <a class="small" href={`#/c/${task.conversationId}`}>
              Open conversation
            </a>
          ) : task.contactId ? (
            <a class="small" href={`#/contacts/${task.contactId}`}>
              Open contact
            </a>
          ) : null)}
      </div>
      <div class="task-actions">
        {task.status === 'open' ? (
          <>
            <button type="button" class="btn btn-sm btn-primary" onClick={() => void completeTask(task)}>
              Done
            </button>
            <SnoozeTask task={task} />
          </>
        ) : (
          <button type="button" class="btn btn-sm" onClick={() => void reopenTask(task)}>
            Reopen
          </button>
        )}
        <button type="button" class="btn btn-ghost btn-sm" onClick={() => void deleteTask(task)}>
          Delete
        </button>
      </div>
    </li>
  );
}

/** Snooze: in one hour, tomorrow at 9:00, next Monday at 9:00 (the operator's own zone), or a chosen time. */
function SnoozeTask({ task }: { task: TaskDto }) {
  const [open, setOpen] = useState(false);
  const [custom, setCustom] = useState('');
  const [error, setError] = useState<string | null>(null);
  const now = Date.now();
  const errorId = `snooze-task-${task.id}-error`;
  const choose = async (until: number) => {
    setOpen(false);
    await snoozeTask(task, until);
  };
  return (
    <Popover label="Snooze" open={open} onOpen={setOpen} panelName={`Snooze ${task.title}`} class="btn-ghost">
      <ul class="pick-list">
        {laterChoices(now).map((choice) => (
          <li key={choice.label}>
            <button type="button" class="pick" onClick={() => void choose(choice.until)}>
              {choice.label}
              <span class="muted small">{shortTime(choice.until, now)}</span>
            </button>
          </li>
        ))}
      </ul>
      <div class="snooze-custom">
        <label class="field">
          <span>Choose a time</span>
          <input
            type="datetime-local"
            value={custom}
            onInput={(e) => setCustom(e.currentTarget.value)}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? errorId : undefined}
          />
        </label>
        {error && (
          <p class="field-error" id={errorId} role="alert">
            {error}
          </p>
        )}
        <button
          type="button"
          class="btn btn-sm"
          onClick={() => {
            const at = fromLocalInput(custom);
            if (!at || at <= Date.now()) setError('Choose a time in the future');
            else void choose(at);
          }}
        >
          Snooze until then
        </button>
      </div>
    </Popover>
  );
}
