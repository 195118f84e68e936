/**
 * How many of my open tasks are due: the badge of Tasks. The server says it
 * with every list and every `taskDue` frame; anything that changes a task
 * asks again (`refreshTaskBadge`), and lists that show tasks reload on
 * `tasksChanged`.
 */
import { useEffect, useState } from 'preact/hooks';
import { taskApi } from './task-api';

let overdue = 0;
let revision = 0;
const listeners = new Set<() => void>();
const notify = () => {
  for (const fn of listeners) fn();
};

export function setOverdue(n: number): void {
  if (n === overdue) return;
  overdue = n;
  notify();
}

/** Something changed tasks (here or a reminder came): lists showing them load again, and the badge is asked again. */
export function tasksChanged(): void {
  revision++;
  notify();
}

export async function refreshTaskBadge(): Promise<void> {
  try {
    setOverdue((await taskApi.list({ view: 'overdue' })).overdue);
  } catch {
    /* the badge waits for the next change */
  }
}

function useTaskState<T>(read: () => T): T {
  const [value, setValue] = useState(read);
  useEffect(() => {
    const fn = () => setValue(read);
    listeners.add(fn);
    fn();
    return () => {
      listeners.delete(fn);
    };
  }, [read]);
  return value;
}

const readOverdue = () => overdue;
const readRevision = () => revision;
export const useOverdueTasks = () => useTaskState(readOverdue);
export const useTasksRevision = () => useTaskState(readRevision);
