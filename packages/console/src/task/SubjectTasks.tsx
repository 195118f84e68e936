/**
 * The tasks of one conversation or contact, and "Add task": a title, a due
 * time (tomorrow at 9:00 unless chosen) and who does it (me unless chosen;
 * the server refuses someone who may not see it, and says so).
 */
import type { TaskDto } from '@switchboard/protocol';
import { useEffect, useId, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { fromLocalInput, laterChoices } from '../conversation/snooze-times';
import { useStore } from '../store';
import { Field, FormAlert, invalidProps } from '../ui/Field';
import { byName } from '../ui/form-errors';
import { useForm } from '../ui/use-form';
import { taskApi } from './task-api';
import { refreshTaskBadge, tasksChanged, useTasksRevision } from './task-badge';
import { TaskItem } from './TaskItem';

/** A time as the value of a datetime-local input (local time). */
function localInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function SubjectTasks({ conversationId, contactId, class: className }: { conversationId?: string; contactId?: string; class?: string }) {
  const [tasks, setTasks] = useState<TaskDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const revision = useTasksRevision();
  const id = useId();

  useEffect(() => {
    let live = true;
    taskApi.list({ view: 'all', conversationId, contactId }).then(
      (p) => live && setTasks(p.items),
      (err) => live && setError(messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, [conversationId, contactId, revision]);

  const now = Date.now();
  return (
    <section class={`subject-tasks ${className ?? ''}`} aria-labelledby={`${id}-title`}>
      <div class="subject-tasks-head">
        <h3 id={`${id}-title`}>Tasks</h3>
        <button type="button" class="btn btn-sm" aria-expanded={adding} onClick={() => setAdding(!adding)}>
          Add task
        </button>
      </div>
      {adding && <AddTaskForm conversationId={conversationId} contactId={contactId} onDone={() => setAdding(false)} />}
      <FormAlert message={error} />
      {tasks?.length === 0 && !adding && <p class="muted small">No open tasks.</p>}
      {tasks && tasks.length > 0 && (
        <ul class="task-list">
          {tasks.map((t) => (
            <TaskItem key={t.id} task={t} now={now} showSubject={false} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AddTaskForm({ conversationId, contactId, onDone }: { conversationId?: string | undefined; contactId?: string | undefined; onDone: () => void }) {
  const me = useStore((s) => s.me);
  const operators = useStore((s) => s.operators);
  const [title, setTitle] = useState('');
  const [due, setDue] = useState(() => localInput(laterChoices(Date.now())[1]!.until));
  const [assigneeId, setAssigneeId] = useState(me?.id ?? '');
  const form = useForm(byName('title', 'dueAt', 'assigneeId'));
  const id = useId();
  const people = Object.values(operators)
    .filter((o) => !o.disabled)
    .sort((a, b) => a.name.localeCompare(b.name));

  function submit(e: Event) {
    e.preventDefault();
    void form.run(async () => {
      const dueAt = fromLocalInput(due);
      await taskApi.create({
        title,
        dueAt: dueAt ?? Number.NaN,
        ...(assigneeId ? { assigneeId } : {}),
        ...(conversationId ? { conversationId } : {}),
        ...(contactId ? { contactId } : {}),
      });
      setTitle('');
      tasksChanged();
      void refreshTaskBadge();
      onDone();
    });
  }

  return (
    <form class="task-form" onSubmit={submit} ref={form.ref} noValidate>
      <Field id={`${id}-title`} label="Task" error={form.errors.fields.title}>
        <input
          {...invalidProps(`${id}-title`, form.errors.fields.title)}
          type="text"
          maxLength={200}
          placeholder="Follow up on Friday"
          value={title}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </Field>
      <Field id={`${id}-due`} label="Due" error={form.errors.fields.dueAt}>
        <input {...invalidProps(`${id}-due`, form.errors.fields.dueAt)} type="datetime-local" value={due} onInput={(e) => setDue(e.currentTarget.value)} />
      </Field>
      <Field id={`${id}-assignee`} label="Assignee" error={form.errors.fields.assigneeId}>
        <select {...invalidProps(`${id}-assignee`, form.errors.fields.assigneeId)} value={assigneeId} onChange={(e) => setAssigneeId(e.currentTarget.value)}>
          {me && !operators[me.id] && <option value={me.id}>{me.name} (me)</option>}
          {people.map((o) => (
            <option key={o.id} value={o.id}>
              {o.id === me?.id ? `${o.name} (me)` : o.name}
            </option>
          ))}
        </select>
      </Field>
      <FormAlert message={form.errors.form} />
      <div class="form-actions">
        <button type="submit" class="btn btn-sm btn-primary" disabled={form.busy}>
          Save task
        </button>
        <button type="button" class="btn btn-ghost btn-sm" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
