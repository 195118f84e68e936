/** How the Tasks page sorts open tasks: Overdue, Today (due later today) and Upcoming (after today), in the operator's local time. */
import type { TaskDto } from '@switchboard/protocol';

export function groupTasks(tasks: TaskDto[], now: number): { name: 'Overdue' | 'Today' | 'Upcoming'; items: TaskDto[] }[] {
  const midnight = new Date(now);
  midnight.setHours(24, 0, 0, 0);
  const end = midnight.getTime();
  const groups = [
    { name: 'Overdue' as const, items: tasks.filter((t) => t.dueAt <= now) },
    { name: 'Today' as const, items: tasks.filter((t) => t.dueAt > now && t.dueAt < end) },
    { name: 'Upcoming' as const, items: tasks.filter((t) => t.dueAt >= end) },
  ];
  return groups.filter((g) => g.items.length > 0);
}
