import type { ServerFrame } from '@switchboard/protocol';
import { describe, expect, it } from 'vitest';
import { after, message, summary } from './test/fixtures';
import { initialState, type Action, type State } from './state';
import { reduce } from './store';

const me = { id: 'me', name: 'Ana', email: 'ana@example.com', role: 'operator' as const, status: 'online' as const };
const run = (actions: Action[], from: State = initialState) => actions.reduce(reduce, from);
const frame = (f: ServerFrame): Action => ({ type: 'frame', frame: f });
const signedIn = run([{ type: 'signedIn', me }]);

describe('store: inbox', () => {
  it('keeps a summary per conversation and counts unread for chats off screen', () => {
    const c = summary({ id: 'c1' });
    const s = run([frame({ type: 'conversation', conversation: c }), frame({ type: 'conversation', conversation: after(c, 2) })], signedIn);
    expect(s.conversations.c1?.lastSeq).toBe(2);
    expect(s.unread.c1).toBe(2);
  });

  it('does not count messages in the chat on screen, and clears a chat when it comes on screen', () => {
    const c = summary({ id: 'c1' });
    const onScreen = run([{ type: 'route', route: { name: 'conversation', id: 'c1' } }, frame({ type: 'conversation', conversation: c })], signedIn);
    expect(onScreen.unread.c1 ?? 0).toBe(0);

    // On screen it was read: the server's count started over.
    const read = { ...c, operatorReadSeq: 1, unreadCount: 0 };
    const hidden = run([{ type: 'visible', visible: false }, frame({ type: 'conversation', conversation: after(read, 2) })], onScreen);
    expect(hidden.unread.c1).toBe(1);
    expect(run([{ type: 'visible', visible: true }], hidden).unread.c1).toBe(0);
  });

  it('does not count twice a conversation loaded by a list and then by its frame', () => {
    const c = summary({ id: 'c1' });
    const s = run([{ type: 'listLoaded', items: [c], nextCursor: null, append: false }, frame({ type: 'conversation', conversation: c })], signedIn);
    expect(s.unread.c1).toBe(1);
  });

  it('takes an operator read receipt as read by the team', () => {
    const c = after(summary({ id: 'c1' }), 3);
    const s = run([frame({ type: 'conversation', conversation: c }), frame({ type: 'read', conversationId: 'c1', reader: 'operator', seq: 3 })], signedIn);
    expect(s.unread.c1).toBe(0);
    expect(s.conversations.c1?.operatorReadSeq).toBe(3);
  });
});

describe('store: chats', () => {
  const opened = run(
    [
      { type: 'openChat', id: 'c1' },
      { type: 'openChat', id: 'c2' },
      { type: 'openChat', id: 'c1' },
    ],
    signedIn,
  );

  it('opens each chat once, in order, and closes it', () => {
    expect(opened.openIds).toEqual(['c1', 'c2']);
    const closed = run([{ type: 'closeChat', id: 'c1' }], opened);
    expect(closed.openIds).toEqual(['c2']);
    expect(closed.chats.c1).toBeUndefined();
  });

  it('fills a chat from its replay, keeps hasEarlier from the first sync only', () => {
    const c = summary({ id: 'c1', lastSeq: 60, visitorReadSeq: 58 });
    const s = run(
      [
        frame({ type: 'message', message: message(59) }),
        frame({ type: 'message', message: message(60) }),
        frame({ type: 'synced', conversationId: 'c1', seq: 60, hasEarlier: true, conversation: c }),
        frame({ type: 'synced', conversationId: 'c1', seq: 60, hasEarlier: false, conversation: c }),
      ],
      opened,
    );
    expect(s.chats.c1).toMatchObject({ synced: true, hasEarlier: true, visitorReadSeq: 58 });
    expect(s.chats.c1?.messages.map((m) => m.seq)).toEqual([59, 60]);
    const earlier = run([{ type: 'earlierLoaded', id: 'c1', messages: [message(57), message(58)], hasEarlier: false }], s);
    expect(earlier.chats.c1?.messages.map((m) => m.seq)).toEqual([57, 58, 59, 60]);
    expect(earlier.chats.c1?.hasEarlier).toBe(false);
  });

  it('shows the visitor typing, not the operators, and the visitor read position', () => {
    const typing = run(
      [
        frame({ type: 'typing', conversationId: 'c1', author: { kind: 'operator', id: 'op2', name: 'Bo' }, typing: true }),
        frame({ type: 'typing', conversationId: 'c2', author: { kind: 'visitor', id: 'v', name: null }, typing: true }),
        frame({ type: 'read', conversationId: 'c2', reader: 'visitor', seq: 4 }),
      ],
      opened,
    );
    expect(typing.chats.c1?.visitorTyping).toBe(false);
    expect(typing.chats.c2).toMatchObject({ visitorTyping: true, visitorReadSeq: 4 });
    expect(run([{ type: 'typingExpired', id: 'c2' }], typing).chats.c2?.visitorTyping).toBe(false);
  });

  it('ignores messages for chats that are not open', () => {
    const s = run([frame({ type: 'message', message: { ...message(1), conversationId: 'zz' } })], opened);
    expect(s).toBe(opened);
  });
});

describe('store: session and presence', () => {
  it('updates my status from presence frames and forgets everything on sign out', () => {
    const away = run([frame({ type: 'presence', operatorId: 'me', status: 'away' })], signedIn);
    expect(away.me?.status).toBe('away');
    const out = run([frame({ type: 'conversation', conversation: summary({ id: 'c1' }) }), { type: 'signedOut' }], away);
    expect(out).toMatchObject({ session: 'signed-out', me: null, conversations: {}, unread: {} });
  });
});
