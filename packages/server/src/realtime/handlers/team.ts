/**
 * The operators-only side of a conversation: which one a console shows
 * (viewers), a visitor's draft (sneak peek), and console input (auto-away).
 * A visitor can never see viewers or drafts: those go to the team room, which
 * only operator connections join.
 */
import { authorize } from '../../policy/policy.js';
import { shareDraft, sneakPeekOn } from '../../sneak-peek/sneak-peek.js';
import type { Connection } from '../connection.js';
import { TokenBucket } from '../rate-limit.js';
import type { FrameHandler } from './types.js';

export const view: FrameHandler<'view'> = ({ viewers }, conn, frame) => {
  const identity = conn.identity;
  if (identity?.kind !== 'operator') return conn.error('forbidden', 'Only operators view conversations', frame.ref);
  if (frame.conversationId !== null && !conn.subs.has(frame.conversationId)) return conn.error('not_found', 'Subscribe to the conversation first', frame.ref);
  const who = { workspaceId: identity.operator.workspaceId, operatorId: identity.operator.id, name: identity.operator.name };
  // Monitoring: shown to nobody, neither the operators (viewers) nor the visitor.
  if (frame.monitor) authorize(identity.operator, 'conversation.monitor');
  viewers.view(conn, who, frame.monitor ? null : frame.conversationId);
};

/** Drafts per connection: a few at once, then two a second (the widget sends at most one every half second). */
const draftBuckets = new WeakMap<Connection, TokenBucket>();

export const draft: FrameHandler<'draft'> = async ({ ctx, rooms }, conn, frame) => {
  const identity = conn.identity;
  if (identity?.kind !== 'visitor') return conn.error('forbidden', 'Only visitors send drafts', frame.ref);
  // Subscribing checked that the conversation is the visitor's own.
  if (!conn.subs.has(frame.conversationId)) return conn.error('not_found', 'Subscribe to the conversation first', frame.ref);
  let bucket = draftBuckets.get(conn);
  if (!bucket) {
    bucket = new TokenBucket(5, 2);
    draftBuckets.set(conn, bucket);
  }
  // Drafts are volatile: one too many is dropped, the next one says it all again.
  if (!bucket.take()) return;
  if (!(await sneakPeekOn(ctx, identity.visitor.workspaceId, identity.visitor.inboxId))) return;
  await shareDraft(rooms, frame.conversationId, frame.text);
};

export const activity: FrameHandler<'activity'> = ({ autoAway }, conn, frame) => {
  const identity = conn.identity;
  if (identity?.kind !== 'operator') return conn.error('forbidden', 'Only operators report activity', frame.ref);
  autoAway.activity(identity.operator);
};
