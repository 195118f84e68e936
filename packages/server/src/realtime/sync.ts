/**
 * Replays what a connection missed. Live messages for the conversation are
 * buffered while storage is read, then merged by sequence number: the client
 * receives every message after its cursor exactly once, in order.
 */
import { LIMITS, type MessageFrame } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { listMessagesAfter, presentMessage } from '../message/message.repository.js';
import { readHistory } from '../message/message.service.js';
import type { Connection } from './connection.js';

/** Starts following a conversation from `after`, or from its latest page. Returns the cursor and whether older history exists. */
export async function startSubscription(
  ctx: Context,
  conn: Connection,
  conversationId: string,
  after: number | undefined,
  join: () => Promise<void>,
): Promise<{ seq: number; hasEarlier: boolean }> {
  const sub = conn.subs.get(conversationId) ?? { lastSent: 0, buffer: null };
  sub.buffer = [];
  conn.subs.set(conversationId, sub);
  await join();
  let hasEarlier = false;
  if (after === undefined) {
    const page = await readHistory(ctx, conversationId, { limit: 50 });
    hasEarlier = page.hasEarlier;
    const first = page.messages[0];
    sub.lastSent = first ? first.seq - 1 : 0;
    for (const message of page.messages) conn.sendInOrder({ type: 'message', message });
  } else {
    sub.lastSent = after;
    hasEarlier = after > 0;
  }
  await catchUp(ctx, conn, conversationId);
  return { seq: sub.lastSent, hasEarlier };
}

/** Reads storage after the cursor until nothing is left, then drains buffered live messages. */
export async function catchUp(ctx: Context, conn: Connection, conversationId: string): Promise<void> {
  const sub = conn.subs.get(conversationId);
  if (!sub) return;
  sub.buffer ??= [];
  // Storage always holds every sequence below one that was published, so a gap closes in one
  // more read; the bound only guards against a broken store.
  for (let round = 0; round < 5; round++) {
    const rows = await listMessagesAfter(ctx.db, conversationId, sub.lastSent, LIMITS.syncPageSize);
    for (const row of rows) conn.sendInOrder({ type: 'message', message: presentMessage(row) });
    if (rows.length < LIMITS.syncPageSize) {
      const pending = (sub.buffer as MessageFrame[]).sort((a, b) => a.message.seq - b.message.seq);
      sub.buffer = [];
      let gap = false;
      for (const f of pending) {
        if (f.message.seq <= sub.lastSent) continue;
        if (!conn.sendInOrder(f)) gap = true;
      }
      if (!gap) break;
    }
    if (conn.ws.readyState !== conn.ws.OPEN || !conn.subs.has(conversationId)) return;
  }
  sub.buffer = null;
}
