import { describe, expect, it } from 'vitest';
import { message } from '../test/fixtures';
import { mergeMessages, newChat, receiveMessage, seenSeq, startsGroup, updatePending, type PendingReply } from './chat';

const reply = (clientId: string): PendingReply => ({ clientId, body: 'hi', attachments: [], createdAt: 0, state: 'sending', error: null });
const op = (seq: number, clientId: string | null = null) => message(seq, { author: { kind: 'operator', id: 'op1', name: 'Ana' }, clientId });

describe('messages', () => {
  it('appends live messages and merges pages in sequence order, each once', () => {
    let list = mergeMessages([], [message(3), message(4)]);
    list = mergeMessages(list, [message(5)]);
    list = mergeMessages(list, [message(1), message(2), message(3)]);
    list = mergeMessages(list, [message(4)]);
    expect(list.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('replaces a pending reply with the stored message that carries its client id', () => {
    const chat = { ...newChat(), pending: [reply('c1'), reply('c2')] };
    const next = receiveMessage(chat, op(1, 'c1'));
    expect(next.pending.map((p) => p.clientId)).toEqual(['c2']);
    expect(next.messages).toHaveLength(1);
  });

  it('drops a pending reply acked after its message arrived', () => {
    const chat = receiveMessage({ ...newChat(), pending: [reply('c1')] }, op(1, 'c1'));
    const again = updatePending({ ...chat, pending: [reply('c1')] }, 'c1', { state: 'sent' });
    expect(again.pending).toEqual([]);
    const failed = updatePending({ ...newChat(), pending: [reply('c9')] }, 'c9', { state: 'failed', error: 'Too fast' });
    expect(failed.pending[0]).toMatchObject({ state: 'failed', error: 'Too fast' });
  });

  it("stops the typing indicator when the visitor's message arrives", () => {
    const chat = { ...newChat(), visitorTyping: true };
    expect(receiveMessage(chat, message(1)).visitorTyping).toBe(false);
    expect(receiveMessage(chat, op(1)).visitorTyping).toBe(true);
  });
});

describe('read receipts', () => {
  it('marks the last operator message the visitor has read as seen', () => {
    const chat = { ...newChat(), messages: [message(1), op(2), op(3), message(4), op(5)], visitorReadSeq: 4 };
    expect(seenSeq(chat)).toBe(3);
    expect(seenSeq({ ...chat, visitorReadSeq: 5 })).toBe(5);
    expect(seenSeq({ ...chat, visitorReadSeq: 1 })).toBeNull();
  });

  it("marks a bot's answer the visitor has read as seen too", () => {
    const bot = message(3, { author: { kind: 'bot', id: 'bot1', name: 'Parcel Bot' } });
    expect(seenSeq({ ...newChat(), messages: [message(1), op(2), bot, message(4)], visitorReadSeq: 4 })).toBe(3);
  });
});

describe('message groups', () => {
  it('starts a new group on another author, after a pause, and around system lines', () => {
    const t = Date.UTC(2025, 0, 15, 12);
    const v1 = message(1, { createdAt: t });
    const v2 = message(2, { createdAt: t + 60_000 });
    expect(startsGroup(undefined, v1)).toBe(true);
    expect(startsGroup(v1, v2)).toBe(false);
    expect(startsGroup(v1, message(2, { createdAt: t + 6 * 60_000 }))).toBe(true);
    expect(startsGroup(v1, { ...op(2), createdAt: t + 1000 })).toBe(true);
    expect(startsGroup({ ...op(1), kind: 'event' }, v2)).toBe(true);
  });
});
