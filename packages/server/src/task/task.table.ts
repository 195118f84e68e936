/** Row type of tasks (see migration 0028), added to Kysely's Database. */
import type { Selectable } from 'kysely';

export type TaskStatus = 'open' | 'done';

export interface TaskTable {
  id: string;
  workspace_id: string;
  conversation_id: string | null;
  contact_id: string | null;
  title: string;
  note: string | null;
  assignee_id: string;
  created_by: string;
  status: TaskStatus;
  due_at: number;
  /** The due time the last `task.due` announced: a job run twice announces once. */
  notified_due_at: number | null;
  done_at: number | null;
  done_by: string | null;
  created_at: number;
  updated_at: number;
}

export type TaskRow = Selectable<TaskTable>;

declare module '../db/tables.js' {
  interface Database {
    tasks: TaskTable;
  }
}
