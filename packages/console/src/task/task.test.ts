import type { TaskDto } from '@switchboard/protocol';
import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute } from '../router';
import { groupTasks } from './task-groups';

const task = (id: string, dueAt: number): TaskDto => ({
  id,
  title: id,
  note: null,
  conversationId: 'c1',
  contactId: null,
  assignee: { id: 'o1', name: 'Ana' },
  createdBy: { id: 'o1', name: 'Ana' },
  status: 'open',
  dueAt,
  doneAt: null,
  createdAt: 0,
  updatedAt: 0,
});

describe('the Tasks page', () => {
  it('groups open tasks Overdue, Today and Upcoming in local time, leaving empty groups out', () => {
    const now = new Date(2026, 11, 4, 15, 0).getTime();
    const late = task('late', new Date(2026, 11, 4, 9, 0).getTime());
    const justNow = task('now', now);
    const tonight = task('tonight', new Date(2026, 11, 4, 23, 59).getTime());
    const tomorrow = task('tomorrow', new Date(2026, 11, 5, 0, 0).getTime());
    const grouped = groupTasks([late, justNow, tonight, tomorrow], now);
    expect(grouped.map((g) => [g.name, g.items.map((t) => t.id)])).toEqual([
      ['Overdue', ['late', 'now']],
      ['Today', ['tonight']],
      ['Upcoming', ['tomorrow']],
    ]);
    expect(groupTasks([tomorrow], now).map((g) => g.name)).toEqual(['Upcoming']);
  });

  it('has its own route, #/tasks', () => {
    expect(parseRoute('#/tasks')).toEqual({ name: 'tasks' });
    expect(hrefOf({ name: 'tasks' })).toBe('#/tasks');
  });
});
