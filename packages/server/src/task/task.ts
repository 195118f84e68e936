/** Tasks: inputs, the answer's schema, the row as the API shows it, and the job that says a task is due. */
import type { TaskDto } from '@switchboard/protocol';
import { z } from 'zod';
import type { TaskRow } from './task.table.js';

/** The furthest ahead a task can be due. */
export const MAX_AHEAD_MS = 5 * 366 * 24 * 3600_000;

const title = z.string().trim().min(1, 'Give the task a title').max(200, 'Keep the title under 200 characters');
const note = z.string().trim().max(4000, 'Keep the note under 4000 characters');
const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

export const createTaskInput = z
  .object({
    title,
    note: note.nullable().optional(),
    /** What the task is about: a conversation or a contact (one of the two). */
    conversationId: id.optional(),
    contactId: id.optional(),
    /** Who does it: an operator who may see the conversation or contact; by default the one creating it. */
    assigneeId: id.optional(),
    /** When it is due (epoch ms). */
    dueAt: z.number().int().positive(),
  })
  .refine((t) => (t.conversationId === undefined) !== (t.contactId === undefined), { message: 'Choose a conversation or a contact (one of the two)' });
export type CreateTaskInput = z.infer<typeof createTaskInput>;

export const updateTaskInput = z.object({
  title: title.optional(),
  note: note.nullable().optional(),
  assigneeId: id.optional(),
  dueAt: z.number().int().positive().optional(),
});
export type UpdateTaskInput = z.infer<typeof updateTaskInput>;

export const snoozeTaskInput = z.object({
  /** The new due time (epoch ms), in the future: the console offers in one hour, tomorrow at 9:00 and next Monday at 9:00 in the operator's time zone, or a chosen time. */
  until: z.number().int().positive(),
});

export const VIEWS = ['mine', 'all', 'overdue', 'done'] as const;
export type TaskView = (typeof VIEWS)[number];

export const listTasksQuery = z.object({
  view: z
    .enum(VIEWS)
    .default('mine')
    .describe('mine: my open tasks; all: every open task I may see; overdue: open tasks I may see that are due; done: done tasks I may see, latest first'),
  conversationId: id.optional(),
  contactId: id.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListTasksQuery = z.infer<typeof listTasksQuery>;

const person = z.object({ id: z.string(), name: z.string() });
export const taskSchema = z.object({
  id: z.string(),
  title: z.string(),
  note: z.string().nullable(),
  conversationId: z.string().nullable(),
  contactId: z.string().nullable(),
  assignee: person,
  createdBy: person,
  status: z.enum(['open', 'done']),
  dueAt: z.number(),
  doneAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export function presentTask(row: TaskRow, names: Map<string, string>): TaskDto {
  const who = (id: string) => ({ id, name: names.get(id) ?? 'Former operator' });
  return {
    id: row.id,
    title: row.title,
    note: row.note,
    conversationId: row.conversation_id,
    contactId: row.contact_id,
    assignee: who(row.assignee_id),
    createdBy: who(row.created_by),
    status: row.status,
    dueAt: Number(row.due_at),
    doneAt: row.done_at === null ? null : Number(row.done_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export const TASK_DUE = 'task.due';
export const dueKey = (taskId: string) => `${TASK_DUE}:${taskId}`;
export interface TaskDuePayload {
  taskId: string;
}
