/**
 * Online visitors on the wire. A console on the Visitors page receives one
 * entry per visitor who changed (up to thousands a second in a busy
 * workspace, coalesced to one per visitor per second); packed by position
 * they carry no key names. The server packs; consoles unpack.
 */
import type { OnlineVisitor } from './types.js';

export type PackedVisitor = [
  id: string,
  name: string | null,
  pageUrl: string,
  pageTitle: string | null,
  pageSince: number,
  arrivedAt: number,
  visits: number,
  chatting: 0 | 1,
];

export function packVisitor(v: OnlineVisitor): PackedVisitor {
  return [v.id, v.name, v.pageUrl, v.pageTitle, v.pageSince, v.arrivedAt, v.visits, v.chatting ? 1 : 0];
}

export function unpackVisitor(p: PackedVisitor): OnlineVisitor {
  const [id, name, pageUrl, pageTitle, pageSince, arrivedAt, visits, chatting] = p;
  return { id, name, pageUrl, pageTitle, pageSince, arrivedAt, visits, chatting: chatting === 1 };
}
