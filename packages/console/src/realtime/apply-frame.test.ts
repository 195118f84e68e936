import { describe, expect, it } from 'vitest';
import { newChat } from '../conversation/chat';
import { initialState, type State } from '../state';
import { summary } from '../test/fixtures';
import { applyFrame } from './apply-frame';

describe('a merge', () => {
  it('moves the tab of the conversation merged away to the survivor and drops what both held, notes included', () => {
    const note = { id: 'n1', conversationId: 'b', noteSeq: 1, afterSeq: 1, author: { id: 'op1', name: 'Ana' }, body: 'x', mentions: [], createdAt: 1 };
    const s: State = {
      ...initialState,
      openIds: ['b', 'c'],
      chats: { b: newChat(), c: newChat() },
      conversations: { a: summary({ id: 'a' }), b: summary({ id: 'b' }) },
      team: {
        ...initialState.team,
        byId: {
          b: { notes: [note], viewers: [], replying: {}, draft: null, unseenMentions: 0, scheduled: [] },
          c: { notes: [], viewers: [], replying: {}, draft: 'hi', unseenMentions: 0, scheduled: [] },
        },
      },
    };
    const next = applyFrame(s, { type: 'merged', from: 'b', into: 'a', conversation: summary({ id: 'a', lastSeq: 3 }) });
    expect(next.openIds).toEqual(['a', 'c']);
    expect(Object.keys(next.chats).sort()).toEqual(['a', 'c']);
    expect(next.conversations.a?.lastSeq).toBe(3);
    expect(Object.keys(next.team.byId)).toEqual(['c']);
  });
});

describe('the team-scoped feed', () => {
  const me = { id: 'ana', name: 'Ana', email: 'ana@example.com', role: 'operator' as const, status: 'online' as const };
  const s: State = { ...initialState, me, teamIds: ['sales'], conversations: { a: summary({ id: 'a', teamId: 'sales' }) }, unread: { a: 1 } };

  it('drops a conversation that moved to a team I am not in, and shows one that moved into mine', () => {
    const moved = applyFrame(s, { type: 'conversation', conversation: summary({ id: 'a', teamId: 'billing' }) });
    expect(moved.conversations.a).toBeUndefined();
    expect(moved.unread.a).toBeUndefined();
    const back = applyFrame(moved, { type: 'conversation', conversation: summary({ id: 'a', teamId: 'sales', updatedAt: 5 }) });
    expect(back.conversations.a?.teamId).toBe('sales');
    // Assigned to me, whatever its team.
    expect(applyFrame(s, { type: 'conversation', conversation: summary({ id: 'b', teamId: 'billing', assigneeId: 'ana' }) }).conversations.b).toBeDefined();
  });

  it('leaving a team drops its conversations; an admin keeps everything', () => {
    expect(applyFrame(s, { type: 'access', role: 'operator', teamIds: [] }).conversations.a).toBeUndefined();
    expect(applyFrame(s, { type: 'access', role: 'admin', teamIds: [] }).conversations.a).toBeDefined();
  });
});

describe('a mood frame', () => {
  it('marks the scored visitor message of an open chat', () => {
    const message = {
      id: 'm2',
      conversationId: 'a',
      seq: 2,
      clientId: null,
      author: { kind: 'visitor' as const, id: null, name: null },
      kind: 'text' as const,
      body: 'This is ridiculous',
      attachments: [],
      event: null,
      createdAt: 1,
    };
    const s: State = { ...initialState, chats: { a: { ...newChat(), messages: [message] } } };
    const next = applyFrame(s, { type: 'mood', conversationId: 'a', seq: 2, mood: { mood: 'negative', confidence: 0.8 } });
    expect(next.chats.a?.messages[0]?.mood).toEqual({ mood: 'negative', confidence: 0.8 });
    expect(applyFrame(s, { type: 'mood', conversationId: 'b', seq: 2, mood: { mood: 'negative', confidence: 0.8 } })).toBe(s);
    // The server's batch of scores: each lands on its message, scores of other chats change nothing.
    const batch = applyFrame(s, {
      type: 'moods',
      moods: [
        { type: 'mood', conversationId: 'b', seq: 7, mood: { mood: 'positive', confidence: 0.9 } },
        { type: 'mood', conversationId: 'a', seq: 2, mood: { mood: 'negative', confidence: 0.7 } },
      ],
    });
    expect(batch.chats.a?.messages[0]?.mood).toEqual({ mood: 'negative', confidence: 0.7 });
    expect(batch.chats.b).toBeUndefined();
  });
});

describe('a richClick frame', () => {
  it('updates the click count under the rich message of an open chat', () => {
    const message = {
      id: 'm3',
      conversationId: 'a',
      seq: 3,
      clientId: null,
      author: { kind: 'operator' as const, id: 'op1', name: 'Ana' },
      kind: 'text' as const,
      body: 'Which colour?\n\n- Black\n- Brass',
      attachments: [],
      event: null,
      createdAt: 1,
      rich: { type: 'quick_replies' as const, options: [{ id: 'o1', label: 'Black' }] },
      richClicks: 0,
    };
    const s: State = { ...initialState, chats: { a: { ...newChat(), messages: [message] } } };
    const frame = {
      type: 'richClick' as const,
      conversationId: 'a',
      messageId: 'm3',
      action: 'quick_reply' as const,
      productId: null,
      optionId: 'o1',
      clicks: 2,
    };
    expect(applyFrame(s, frame).chats.a?.messages[0]?.richClicks).toBe(2);
    expect(applyFrame(s, { ...frame, messageId: 'other' })).toEqual(s);
    expect(applyFrame(s, { ...frame, conversationId: 'b' })).toBe(s);
  });
});
