/**
 * The Visitors page follows the workspace's visitors while it is shown: the
 * `visitors` frame starts and stops it, and after a reconnect the page asks
 * again (the server sends a fresh snapshot).
 */
import type { ServerFrame } from '@switchboard/protocol';
import { onServerFrame, sendVolatile } from '../realtime/connection';
import { onlineVisitors } from './online-visitors';

let following = 0;
let stop: (() => void) | null = null;

function onFrame(frame: ServerFrame): void {
  if (frame.type === 'visitors') onlineVisitors.apply(frame);
  else if (frame.type === 'welcome') sendVolatile({ type: 'visitors', follow: true });
}

/** Starts following (counted: two views may follow at once); returns the function that stops. */
export function followVisitors(): () => void {
  if (following++ === 0) {
    stop = onServerFrame(onFrame);
    sendVolatile({ type: 'visitors', follow: true });
  }
  return () => {
    if (--following > 0) return;
    stop?.();
    stop = null;
    sendVolatile({ type: 'visitors', follow: false });
    onlineVisitors.clear();
  };
}
