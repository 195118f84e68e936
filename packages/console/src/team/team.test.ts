import type { NoteDto, ScheduledMessageDto } from '@switchboard/protocol';
import { describe, expect, it } from 'vitest';
import { message } from '../test/fixtures';
import { collisionText, initialTeam, knownUpTo, mergeNotes, placeNotes, reduceTeam, type TeamView, upsertScheduled } from './team';

const note = (noteSeq: number, afterSeq: number): NoteDto => ({
  id: `n${noteSeq}`,
  conversationId: 'c1',
  noteSeq,
  afterSeq,
  author: { id: 'op1', name: 'Ana' },
  body: `note ${noteSeq}`,
  mentions: [],
  createdAt: noteSeq,
});

const view = (over: Partial<TeamView>): TeamView => ({ notes: [], viewers: [], replying: {}, draft: null, unseenMentions: 0, scheduled: [], ...over });

describe('notes', () => {
  it('merge by number, each once, in order, whatever order they come in', () => {
    const list = mergeNotes(mergeNotes([note(2, 1)], [note(1, 1), note(3, 2)]), [note(2, 1)]);
    expect(list.map((n) => n.noteSeq)).toEqual([1, 2, 3]);
  });

  it('resume from the last note known without a gap, so a live one cannot hide a missed one', () => {
    expect(knownUpTo([])).toBe(0);
    expect(knownUpTo([note(1, 1), note(2, 1)])).toBe(2);
    // 3 was missed while offline, 4 came live after the reconnect: ask again after 2.
    expect(knownUpTo([note(1, 1), note(2, 1), note(4, 3)])).toBe(2);
  });

  it('go right after the message they were written after', () => {
    const messages = [message(3), message(4), message(5)];
    const placed = placeNotes([note(1, 2), note(2, 4), note(3, 4), note(4, 9)], messages, true);
    expect(placed.first).toEqual([]); // after seq 2, in history not loaded yet
    expect(placed.after.get(4)?.map((n) => n.noteSeq)).toEqual([2, 3]);
    expect(placed.last.map((n) => n.noteSeq)).toEqual([4]);
    expect(placeNotes([note(1, 0)], messages, false).first.map((n) => n.noteSeq)).toEqual([1]);
  });
});

describe('who else is here', () => {
  const viewers = [
    { operatorId: 'me', name: 'Me' },
    { operatorId: 'o', name: 'Olivia' },
    { operatorId: 's', name: 'Sam' },
  ];
  it('names the others viewing and replying, never me', () => {
    expect(collisionText(view({ viewers }), 'me')).toBe('Olivia and Sam are viewing');
    expect(collisionText(view({ viewers, replying: { o: 'Olivia' } }), 'me')).toBe('Olivia is replying · Sam is viewing');
    expect(collisionText(view({ viewers: viewers.slice(0, 1), replying: { me: 'Me' } }), 'me')).toBe('');
    expect(collisionText(undefined, 'me')).toBe('');
  });

  it('follows typing frames of other operators, and a reply sent ends it', () => {
    const typing = (author: string, on: boolean) =>
      reduceTeam(initialTeam, {
        kind: 'frame',
        frame: { type: 'typing', conversationId: 'c1', author: { kind: 'operator', id: author, name: 'Olivia' }, typing: on },
        meId: 'me',
        onScreenId: null,
      });
    expect(typing('o', true).byId.c1?.replying).toEqual({ o: 'Olivia' });
    expect(typing('me', true)).toBe(initialTeam);
    const replied = reduceTeam(typing('o', true), { kind: 'message', message: message(2, { author: { kind: 'operator', id: 'o', name: 'Olivia' } }) });
    expect(replied.byId.c1?.replying).toEqual({});
  });
});

describe('mentions and drafts', () => {
  const mention = (unseen: number, onScreenId: string | null) =>
    reduceTeam(initialTeam, {
      kind: 'frame',
      frame: { type: 'mention', conversationId: 'c1', unseen, latest: { noteId: 'n1', by: { id: 'o', name: 'Olivia' }, preview: 'look', createdAt: 1 } },
      meId: 'me',
      onScreenId,
    });

  it('alerts a mention in a conversation not on screen, until it is seen or dismissed', () => {
    expect(mention(1, null).alerts).toMatchObject([{ conversationId: 'c1', by: 'Olivia', preview: 'look' }]);
    expect(mention(1, 'c1').alerts).toEqual([]);
    const seen = reduceTeam(mention(1, null), {
      kind: 'frame',
      frame: { type: 'mention', conversationId: 'c1', unseen: 0, latest: null },
      meId: 'me',
      onScreenId: null,
    });
    expect(seen.alerts).toEqual([]);
    expect(reduceTeam(mention(1, null), { kind: 'dismiss', conversationId: 'c1' }).alerts).toEqual([]);
  });

  it('shows the visitor’s draft until they send it or clear it', () => {
    const draft = (text: string) =>
      reduceTeam(initialTeam, { kind: 'frame', frame: { type: 'draft', conversationId: 'c1', text }, meId: 'me', onScreenId: null });
    expect(draft('Hi [card number]').byId.c1?.draft).toBe('Hi [card number]');
    expect(draft('').byId.c1?.draft).toBeNull();
    expect(reduceTeam(draft('almost'), { kind: 'message', message: message(2) }).byId.c1?.draft).toBeNull();
  });
});

describe('scheduled messages', () => {
  const item = (id: string, sendAt: number, status: ScheduledMessageDto['status'] = 'scheduled'): ScheduledMessageDto => ({
    id,
    conversationId: 'c1',
    author: { id: 'op1', name: 'Ana' },
    body: id,
    sendAt,
    status,
    error: null,
    messageSeq: null,
    createdAt: 1,
  });
  it('are listed in sending order while they have not gone, each once', () => {
    let list = upsertScheduled([], item('b', 200));
    list = upsertScheduled(list, item('a', 100));
    list = upsertScheduled(list, item('b', 200, 'sending'));
    expect(list.map((x) => [x.id, x.status])).toEqual([
      ['a', 'scheduled'],
      ['b', 'sending'],
    ]);
    expect(upsertScheduled(list, item('a', 100, 'sent')).map((x) => x.id)).toEqual(['b']);
    expect(upsertScheduled(list, item('b', 200, 'cancelled')).map((x) => x.id)).toEqual(['a']);
    expect(upsertScheduled(list, item('b', 200, 'failed')).map((x) => x.status)).toEqual(['scheduled', 'failed']);
  });
  it('come live through the team room frame', () => {
    const s = reduceTeam(initialTeam, { kind: 'frame', frame: { type: 'scheduled', scheduled: item('x', 5) }, meId: null, onScreenId: null });
    expect(s.byId.c1?.scheduled.map((x) => x.id)).toEqual(['x']);
  });
});
