/**
 * Sneak peek: with the inbox's setting on, operators following a
 * conversation see what its visitor is typing, redacted on the server first
 * (redact.ts). Drafts are never stored: each one goes to the conversation's
 * team room (operators only) and is forgotten.
 */
import type { Context } from '../context.js';
import { findInbox, toInbox } from '../inbox/inbox.repository.js';
import { room, type Rooms } from '../realtime/rooms.js';
import { redactDraft } from './redact.js';

/** Drafts come a few times a second per typing visitor: the setting is read again at most this often per inbox. */
const SETTING_TTL_MS = 2000;
const MAX_CACHED = 10_000;
const cache = new Map<string, { on: boolean; at: number }>();

export async function sneakPeekOn(ctx: Context, workspaceId: string, inboxId: string): Promise<boolean> {
  const now = ctx.clock.now();
  const hit = cache.get(inboxId);
  if (hit && now - hit.at < SETTING_TTL_MS) return hit.on;
  const row = await findInbox(ctx.db, workspaceId, inboxId);
  const on = row ? toInbox(row).settings.sneakPeek : false;
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(inboxId, { on, at: now });
  return on;
}

/** Hands the visitor's redacted draft to the operators following the conversation, on every node. */
export function shareDraft(rooms: Rooms, conversationId: string, text: string): Promise<void> {
  return rooms.publish(room.team(conversationId), { type: 'draft', conversationId, text: redactDraft(text) });
}
