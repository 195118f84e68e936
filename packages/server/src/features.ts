/**
 * What features hook into the core at start: the handlers of their durable
 * job kinds and what they move when two conversations merge. createApp calls
 * this once per app, before it listens; tests building a context do too.
 */
import type { Context } from './context.js';
import { handleContactImport } from './contact/import/import-job.js';
import { mergeHooks } from './conversation/merge-hooks.js';
import { handleWake } from './conversation/wake-conversation.js';
import { handleScheduleTransitions } from './hours/transitions.js';
import { handleMaintenance } from './maintenance.js';
import { handleCuration } from './article-curation/curation.jobs.js';
import { mergeNotes } from './note/note.merge.js';
import { mergeScheduled } from './scheduled/scheduled.merge.js';
import { handleSendScheduled } from './scheduled/send-scheduled.js';
import { handleTaskDue } from './task/task-due.js';
import { mergeTasks } from './task/task.merge.js';
import { handleVisitRetention } from './visitor/visit-retention.js';

export function installFeatures(ctx: Context): void {
  handleMaintenance(ctx.jobs);
  handleWake(ctx.jobs);
  handleSendScheduled(ctx.jobs);
  handleVisitRetention(ctx.jobs);
  handleContactImport(ctx.jobs);
  handleScheduleTransitions(ctx.jobs);
  handleTaskDue(ctx.jobs);
  handleCuration(ctx.jobs);
  mergeHooks.add(mergeNotes);
  mergeHooks.add(mergeScheduled);
  mergeHooks.add(mergeTasks);
}
