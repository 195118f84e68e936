/**
 * Clean-ups that keep storage small: expired sessions (refused anyway) and
 * uploads never sent with a message. Run hourly by the app; each is safe to
 * run on several nodes at once. (They move to the durable job module when it
 * exists, with every other timer.)
 */
import { deleteUnattachedFiles } from './attachment/attachment.service.js';
import type { Context } from './context.js';
import { deleteExpiredSessions } from './operator/session.repository.js';

export async function runMaintenance(ctx: Context, now = ctx.now()): Promise<{ sessions: number; files: number }> {
  const sessions = await deleteExpiredSessions(ctx.db, now);
  const files = await deleteUnattachedFiles(ctx, now);
  return { sessions, files };
}
