import { describe, expect, it } from 'vitest';
import type { OperatorRole } from '@switchboard/protocol';
import { mayViewConversation, type Viewer } from './visibility.js';
import { feedRooms, summaryRooms } from '../realtime/feed.js';

const viewer = (role: OperatorRole, teamIds: string[] = ['sales']): Viewer => ({ id: 'ana', workspaceId: 'w1', role, teamIds });
const conv = (teamId: string | null, assigneeId: string | null = null, workspaceId = 'w1') => ({
  workspace_id: workspaceId,
  team_id: teamId,
  assignee_id: assigneeId,
});

describe('mayViewConversation', () => {
  // [role, team of the conversation, assignee] -> may see
  const TABLE: [OperatorRole, string | null, string | null, boolean][] = [
    ['owner', 'billing', null, true],
    ['admin', 'billing', null, true],
    ['supervisor', 'sales', null, true],
    ['supervisor', 'billing', null, false],
    ['supervisor', 'billing', 'ana', true],
    ['supervisor', null, null, true],
    ['operator', 'sales', null, true],
    ['operator', 'sales', 'ben', true],
    ['operator', 'billing', null, false],
    ['operator', 'billing', 'ben', false],
    ['operator', 'billing', 'ana', true],
    ['operator', null, 'ben', true],
  ];
  it.each(TABLE)('%s, conversation of team %s assigned to %s: %s', (role, team, assignee, sees) => {
    expect(mayViewConversation(viewer(role), conv(team, assignee))).toBe(sees);
  });

  it('never shows another workspace’s conversation, whatever the role', () => {
    for (const role of ['owner', 'admin', 'supervisor', 'operator'] as const) expect(mayViewConversation(viewer(role), conv(null, 'ana', 'w2'))).toBe(false);
  });

  it('an operator in no team sees the conversations of no team and their own', () => {
    expect(mayViewConversation(viewer('operator', []), conv('sales'))).toBe(false);
    expect(mayViewConversation(viewer('operator', []), conv(null))).toBe(true);
    expect(mayViewConversation(viewer('operator', []), conv('sales', 'ana'))).toBe(true);
  });

  it('takes summaries as well as rows', () => {
    expect(mayViewConversation(viewer('operator'), { teamId: 'billing', assigneeId: null })).toBe(false);
    expect(mayViewConversation(viewer('operator'), { teamId: 'sales', assigneeId: null })).toBe(true);
  });
});

describe('the feed rooms', () => {
  it('owners and admins hear everything, others their teams and what has no team', () => {
    expect(feedRooms('w1', viewer('admin'))).toEqual(['operators-all:w1']);
    expect(feedRooms('w1', viewer('operator', ['sales', 'billing']))).toEqual(['operators-unteamed:w1', 'team:sales', 'team:billing']);
  });

  it('a summary goes to who may see it, and when it moved, to who saw it', () => {
    expect(summaryRooms('w1', { teamId: 'sales', assigneeId: 'ana' }).sort()).toEqual(['operator:ana', 'operators-all:w1', 'team:sales']);
    expect(summaryRooms('w1', { teamId: null, assigneeId: null })).toEqual(['operators-all:w1', 'operators-unteamed:w1']);
    expect(summaryRooms('w1', { teamId: 'sales', assigneeId: 'ana' }, { teamId: 'billing', assigneeId: 'ben' }).sort()).toEqual(
      ['operator:ana', 'operator:ben', 'operators-all:w1', 'team:billing', 'team:sales'].sort(),
    );
  });

  it('every console that may see a conversation is in one of its rooms, and no other', () => {
    const teams = [null, 'sales', 'billing'];
    const people = [null, 'ana', 'ben'];
    for (const role of ['owner', 'supervisor', 'operator'] as const) {
      for (const teamIds of [[], ['sales'], ['sales', 'billing']]) {
        const v = viewer(role, teamIds);
        const joined = new Set([...feedRooms('w1', v), 'operator:ana']);
        for (const teamId of teams)
          for (const assigneeId of people) {
            const hears = summaryRooms('w1', { teamId, assigneeId }).some((r) => joined.has(r));
            expect(hears, `${role} ${teamIds} ${teamId} ${assigneeId}`).toBe(mayViewConversation(v, { teamId, assigneeId }));
          }
      }
    }
  });
});
