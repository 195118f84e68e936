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

export async function ensureFirstWorkspace(ctx: Context): Promise<FirstStart | null> {
  if ((await countWorkspaces(ctx.db)) > 0) return null;
  const generated = ctx.config.admin.password ? null : randomBytes(12).toString('base64url');
  const password = ctx.config.admin.password ?? (generated as string);
  const ws = await createWorkspace(ctx, {
    name: ctx.config.demo ? 'Acme Outdoor (demo)' : 'My workspace',
    ownerEmail: ctx.config.admin.email,
    ownerName: 'Admin',
    ownerPassword: password,
    inboxName: 'Website',
  });
  return { email: ctx.config.admin.email, generatedPassword: generated, websiteKey: ws.inbox.websiteKey };
}
