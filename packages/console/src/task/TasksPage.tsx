/**
 * Tasks (nav item "Tasks"): my open tasks by default, grouped Overdue, Today
 * and Upcoming; or every open task I may see, the overdue ones, or the done
 * ones. Reminders that come due while it is open move tasks into Overdue.
 */
import type { TaskDto } from '@switchboard/protocol';
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { FormAlert } from '../ui/Field';
import { taskApi, type TaskView } from './task-api';
import { setOverdue, useTasksRevision } from './task-badge';
import { TaskItem } from './TaskItem';
import { groupTasks } from './task-groups';

const VIEWS: { view: TaskView; label: string }[] = [
  { view: 'mine', label: 'Mine' },
  { view: 'all', label: 'All I may see' },
  { view: 'overdue', label: 'Overdue' },
  { view: 'done', label: 'Done tasks' },
];

export function TasksPage() {
  const [view, setView] = useState<TaskView>('mine');
  const [tasks, setTasks] = useState<TaskDto[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const revision = useTasksRevision();

  useEffect(() => {
    document.title = 'Tasks · Switchboard';
  }, []);
  useEffect(() => {
    let live = true;
    taskApi.list({ view }).then(
      (p) => {
        if (!live) return;
        setTasks(p.items);
        setNext(p.nextCursor);
        setOverdue(p.overdue);
        setError(null);
      },
      (err) => live && setError(messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, [view, revision]);

  const more = async () => {
    if (!next) return;
    const p = await taskApi.list({ view, cursor: next });
    setTasks((t) => [...(t ?? []), ...p.items]);
    setNext(p.nextCursor);
  };

  const now = Date.now();
  const groups = view === 'done' ? [{ name: 'Done', items: tasks ?? [] }] : groupTasks(tasks ?? [], now);
  return (
    <main class="settings tasks-page" aria-labelledby="tasks-title">
      <h1 id="tasks-title">Tasks</h1>
      <fieldset class="task-views">
        <legend class="sr-only">Show</legend>
        {VIEWS.map((v) => (
          <button key={v.view} type="button" class="btn btn-sm task-view" aria-pressed={view === v.view} onClick={() => setView(v.view)}>
            {v.label}
          </button>
        ))}
      </fieldset>
      <FormAlert message={error} />
      {tasks === null && !error && <p class="muted">Loading…</p>}
      {tasks?.length === 0 && (
        <p class="muted">{view === 'done' ? 'No done tasks yet.' : 'Nothing to follow up. Add tasks from a conversation or a contact.'}</p>
      )}
      {groups.map((g) =>
        g.items.length ? (
          <section key={g.name} class="card task-group" aria-labelledby={`tasks-${g.name}`}>
            <h2 id={`tasks-${g.name}`}>{g.name}</h2>
            <ul class="task-list">
              {g.items.map((t) => (
                <TaskItem key={t.id} task={t} now={now} showSubject />
              ))}
            </ul>
          </section>
        ) : null,
      )}
      {next && (
        <button type="button" class="btn btn-ghost btn-sm" onClick={() => void more()}>
          Load more tasks
        </button>
      )}
    </main>
  );
}
