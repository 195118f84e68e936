import type { Context } from '../context.js';
import { newId } from '../ids.js';
import { createInbox } from '../inbox/inbox.service.js';
import type { Inbox } from '../inbox/inbox.js';
import type { Operator } from '../operator/operator.js';
import { insertNewOperator } from '../operator/operator.service.js';
import { insertWorkspace } from './workspace.repository.js';

export interface NewWorkspace {
  workspaceId: string;
  owner: Operator;
  inbox: Inbox;
}

/** A workspace with its owner and a first website inbox: what a new installation starts with. */
export async function createWorkspace(
  ctx: Context,
  input: { name: string; ownerEmail: string; ownerName: string; ownerPassword: string; inboxName: string; websiteKey?: string },
): Promise<NewWorkspace> {
  const workspaceId = newId();
  await insertWorkspace(ctx.db, { id: workspaceId, name: input.name, created_at: ctx.now() });
  const { operator } = await insertNewOperator(ctx, workspaceId, {
    email: input.ownerEmail,
    name: input.ownerName,
    role: 'owner',
    password: input.ownerPassword,
  });
  const inbox = await createInbox(ctx, workspaceId, { name: input.inboxName, websiteKey: input.websiteKey });
  return { workspaceId, owner: operator, inbox };
}
