/**
 * The durable job `task.due`: a task's due time came. It emits the domain
 * event `task.due` (the assignee's console is told, and email notifications
 * subscribe) once per due time: `notified_due_at` is written in the
 * transaction that completes the job, so a run repeated after a crash finds
 * it announced. A task done, deleted or snoozed meanwhile announces nothing
 * (its job was cancelled or moved, and the row says so anyway).
 */
import type { Jobs } from '../jobs/job.js';
import { TASK_DUE, type TaskDuePayload } from './task.js';
import type { TaskRow } from './task.table.js';

export function handleTaskDue(jobs: Jobs): void {
  jobs.handle<TaskDuePayload>(TASK_DUE, async (ctx, payload, job) => {
    const due = await job.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('tasks').selectAll().where('id', '=', payload.taskId).executeTakeFirst();
      let announce: TaskRow | undefined;
      if (row && row.status === 'open' && Number(row.due_at) <= ctx.now() && Number(row.notified_due_at ?? -1) !== Number(row.due_at)) {
        await trx.updateTable('tasks').set({ notified_due_at: row.due_at }).where('id', '=', row.id).execute();
        announce = row;
      }
      await job.complete(trx);
      return announce;
    });
    if (!due) return;
    ctx.events.emit({
      type: 'task.due',
      workspaceId: due.workspace_id,
      taskId: due.id,
      assigneeId: due.assignee_id,
      title: due.title,
      conversationId: due.conversation_id,
      contactId: due.contact_id,
      dueAt: Number(due.due_at),
    });
  });
}
