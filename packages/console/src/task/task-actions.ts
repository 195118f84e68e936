/** Done, reopen, snooze and delete from any list: the change is told to every list and to the badge. */
import type { TaskDto } from '@switchboard/protocol';
import { messageOf } from '../api';
import { dispatch } from '../store';
import { taskApi } from './task-api';
import { refreshTaskBadge, tasksChanged } from './task-badge';

async function change(what: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (err) {
    dispatch({ type: 'notice', message: `${what}: ${messageOf(err)}` });
  }
  tasksChanged();
  void refreshTaskBadge();
}

export const completeTask = (t: TaskDto) => change('Not marked done', () => taskApi.complete(t.id));
export const reopenTask = (t: TaskDto) => change('Not reopened', () => taskApi.reopen(t.id));
export const snoozeTask = (t: TaskDto, until: number) => change('Not snoozed', () => taskApi.snooze(t.id, until));
export const deleteTask = (t: TaskDto) => change('Not deleted', () => taskApi.remove(t.id));
