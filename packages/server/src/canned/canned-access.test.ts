import { describe, expect, it } from 'vitest';
import { canEdit, canSee, type Viewer } from './canned-access.js';

const operator: Viewer = { id: 'op', role: 'operator', teamIds: new Set(['t1']) };
const admin: Viewer = { id: 'ad', role: 'admin', teamIds: new Set() };
const other: Viewer = { id: 'x', role: 'operator', teamIds: new Set() };
const mine = { scope: 'personal' as const, ownerId: 'op', teamId: null };
const team = { scope: 'team' as const, ownerId: null, teamId: 't1' };
const workspace = { scope: 'workspace' as const, ownerId: null, teamId: null };

// [sees, edits] for each viewer: the rules of the issue, written out.
const TABLE: [string, typeof mine | typeof team | typeof workspace, Viewer, boolean, boolean][] = [
  ['personal, its owner', mine, operator, true, true],
  ['personal, an admin', mine, admin, false, false],
  ['personal, someone else', mine, other, false, false],
  ['team, a member', team, operator, true, true],
  ['team, an admin who is not a member', team, admin, false, true],
  ['team, someone else', team, other, false, false],
  ['workspace, an operator', workspace, operator, true, false],
  ['workspace, an admin', workspace, admin, true, true],
];

describe('who sees and edits a canned response', () => {
  it.each(TABLE)('%s', (_name, response, viewer, sees, edits) => {
    expect([canSee(viewer, response), canEdit(viewer, response)]).toEqual([sees, edits]);
  });
});
