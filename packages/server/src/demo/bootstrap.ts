/**
 * First start: a demo workspace with a website inbox and its first owner, so
 * `npm start` gives a working chat at once.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from '../context.js';
import { countWorkspaces } from '../workspace/workspace.repository.js';
import { createWorkspace } from '../workspace/workspace.service.js';

export interface FirstStart {
  email: string;
  /** Set only when it was generated here; printed once and never stored in clear. */
  generatedPassword: string | null;
  websiteKey: string;
}

/**
 * Creates the first workspace when the database has none. Several nodes may
 * start together on one empty database: the work runs in one transaction, and
 * the owner's unique email makes every transaction but one fail whole, so
 * exactly one workspace is made; the others find it and go on.
 */
export async function ensureFirstWorkspace(ctx: Context): Promise<FirstStart | null> {
  if ((await countWorkspaces(ctx.db)) > 0) return null;
  const generated = ctx.config.admin.password ? null : randomBytes(12).toString('base64url');
  const password = ctx.config.admin.password ?? (generated as string);
  // A losing node's transaction fails whole (duplicate owner, or a lock held by the winner);
  // it waits for the winner to commit, then finds the workspace.
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.db.transaction().execute(async (trx) => {
        if ((await countWorkspaces(trx)) > 0) return null;
        const ws = await createWorkspace(
          { ...ctx, db: trx },
          {
            name: ctx.config.demo ? 'Acme Outdoor (demo)' : 'My workspace',
            ownerEmail: ctx.config.admin.email,
            ownerName: 'Admin',
            ownerPassword: password,
            inboxName: 'Website',
          },
        );
        return { email: ctx.config.admin.email, generatedPassword: generated, websiteKey: ws.inbox.websiteKey };
      });
    } catch (err) {
      if ((await countWorkspaces(ctx.db)) > 0) return null;
      if (attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}
