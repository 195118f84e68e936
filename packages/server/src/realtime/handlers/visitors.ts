import { authorize } from '../../policy/policy.js';
import type { FrameHandler } from './types.js';

/** Operators: follow who is on the site now (the Visitors page), or stop. Only their own workspace's visitors. */
export const visitors: FrameHandler<'visitors'> = ({ visitorFeed }, conn, frame) => {
  const identity = conn.identity;
  if (identity?.kind !== 'operator') return conn.error('forbidden', 'Only operators follow visitors', frame.ref);
  if (!frame.follow) return visitorFeed.unfollow(conn);
  authorize(identity.operator, 'visitor.view');
  visitorFeed.follow(conn, identity.operator.workspaceId);
};
