/**
 * A task fell due: its assignee's consoles (their own room) show it, with how
 * many of their tasks are due now. A task changed: the consoles of the
 * operators it concerns list their tasks again.
 */
import type { Context } from '../context.js';
import { room, type Rooms } from '../realtime/rooms.js';
import { countOverdue, findTask } from './task.repository.js';
import { present } from './task.service.js';

export function subscribeTaskFanout(ctx: Context, rooms: Rooms, onError: (err: unknown) => void): void {
  ctx.events.on('task.due', async (e) => {
    try {
      const row = await findTask(ctx.db, e.workspaceId, e.taskId);
      if (!row) return;
      const [task] = await present(ctx, [row]);
      const overdue = await countOverdue(ctx.db, e.workspaceId, e.assigneeId, ctx.now());
      await rooms.publish(room.operator(e.assigneeId), { type: 'taskDue', task: task!, overdue });
    } catch (err) {
      onError(err);
    }
  });
  ctx.events.on('task.changed', async (e) => {
    const frame = { type: 'task' as const, task: e.task, deleted: e.deleted };
    await Promise.all(e.operatorIds.map((id) => rooms.publish(room.operator(id), frame).catch(onError)));
  });
}
