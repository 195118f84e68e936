import { authorize } from '../../policy/policy.js';
import { hiddenVisitors, seesAllConversations } from '../../policy/visibility.js';
import { connectionViewer } from './subscribe.js';
import type { FrameHandler } from './types.js';

/** Operators: follow who is on the site now (the Visitors page), or stop. Only their own workspace's visitors. */
export const visitors: FrameHandler<'visitors'> = ({ ctx, visitorFeed }, conn, frame) => {
  const identity = conn.identity;
  if (identity?.kind !== 'operator') return conn.error('forbidden', 'Only operators follow visitors', frame.ref);
  if (!frame.follow) return visitorFeed.unfollow(conn);
  authorize(identity.operator, 'visitor.view');
  // Operators and supervisors: the visitors with a conversation they may see, or none (policy/visibility.ts).
  const scoped = !seesAllConversations(identity.operator.role);
  visitorFeed.follow(conn, identity.operator.workspaceId, scoped ? (ids) => hiddenVisitors(ctx, connectionViewer(identity), ids) : undefined);
};
