/**
 * Replays what a connection missed. Live messages for the conversation are
 * buffered while storage is read, then merged by sequence number: the client
 * receives every message after its cursor exactly once, in order, however many
 * it missed. Replay goes at the pace the client reads: it waits for the socket
 * to drain whenever enough output is waiting, so a large replay is neither held
 * in memory nor mistaken for a client that is too slow.
 */
import { LIMITS, type MessageFrame } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { listMessagesAfter, presentMessage } from '../message/message.repository.js';
import { readHistory } from '../message/message.service.js';
import { withMoods } from '../mood/mood.repository.js';
import { withEmails } from '../email/email.repository.js';
import type { Connection } from './connection.js';

/** Rounds in a row that find a gap and fill none of it: only a broken store does that. */
const MAX_STALLED_ROUNDS = 3;

/** Starts following a conversation from `after`, or from its latest page. Returns the cursor and whether older history exists. */
export async function startSubscription(
  ctx: Context,
  conn: Connection,
  conversationId: string,
  after: number | undefined,
  join: () => Promise<void>,
): Promise<{ seq: number; hasEarlier: boolean }> {
  const sub = conn.follow(conversationId);
  await join();
  let hasEarlier = false;
  if (after === undefined) {
    const page = await readHistory(ctx, conversationId, { limit: 50 });
    hasEarlier = page.hasEarlier;
    const first = page.messages[0];
    sub.lastSent = first ? first.seq - 1 : 0;
    // Operators see each visitor message's mood once scored (a `mood` frame tells of later ones).
    const messages = conn.identity?.kind === 'operator' ? await withEmails(ctx.db, await withMoods(ctx.db, conversationId, page.messages)) : page.messages;
    for (const message of messages) conn.sendInOrder({ type: 'message', message });
  } else {
    sub.lastSent = after;
    hasEarlier = after > 0;
  }
  await catchUp(ctx, conn, conversationId);
  return { seq: sub.lastSent, hasEarlier };
}

/**
 * Reads storage after the cursor, page after page, until nothing is left, then
 * sends the live messages that arrived meanwhile and goes live. Returns early
 * (not live) if the connection closes or the conversation is unfollowed. A
 * replay that fails (storage unreachable) would leave the subscription waiting
 * for good: the connection is closed instead, and the client resumes from its
 * cursor when it reconnects.
 */
export async function catchUp(ctx: Context, conn: Connection, conversationId: string): Promise<void> {
  try {
    await replay(ctx, conn, conversationId);
  } catch (err) {
    ctx.log.error({ err, conversationId }, 'replay failed');
    conn.refuse('server_error', 'Could not replay the conversation; reconnect to resume');
  }
}

async function replay(ctx: Context, conn: Connection, conversationId: string): Promise<void> {
  const sub = conn.subs.get(conversationId);
  if (!sub) return;
  sub.buffer ??= [];
  const following = () => conn.open && conn.subs.get(conversationId) === sub;
  let stalled = 0;
  for (;;) {
    if (!following()) return;
    const before = sub.lastSent;
    const rows = await listMessagesAfter(ctx.db, conversationId, sub.lastSent, LIMITS.syncPageSize);
    for (const row of rows) {
      conn.sendInOrder({ type: 'message', message: presentMessage(row) });
      if (conn.backlogged) await conn.whenDrained();
      if (!following()) return;
    }
    let gap = false;
    if (rows.length < LIMITS.syncPageSize) {
      // Storage is read up to its latest message: what came live meanwhile follows from memory.
      const pending = (sub.buffer as MessageFrame[]).sort((a, b) => a.message.seq - b.message.seq);
      sub.buffer = [];
      gap = sub.overflowed;
      sub.overflowed = false;
      for (const f of pending) {
        if (f.message.seq <= sub.lastSent) continue;
        if (!conn.sendInOrder(f)) {
          // Storage holds the rest: the next round reads it.
          gap = true;
          break;
        }
        if (conn.backlogged) await conn.whenDrained();
        if (!following()) return;
      }
      // Nothing missing and nothing new while sending: live from here on.
      if (!gap && sub.buffer.length === 0) {
        sub.buffer = null;
        return;
      }
    }
    stalled = sub.lastSent === before && (gap || rows.length > 0) ? stalled + 1 : 0;
    if (stalled >= MAX_STALLED_ROUNDS) throw new Error(`conversation ${conversationId}: storage has no message ${sub.lastSent + 1} but later ones`);
  }
}
