/**
 * Who sees and who changes a canned response, as pure rules (tested as a
 * table), and which one wins when two that someone sees share a shortcut.
 */
import type { OperatorRole } from '@switchboard/protocol';
import { can } from '../policy/policy.js';
import type { CannedResponse, CannedScope } from './canned.js';

export interface Viewer {
  id: string;
  role: OperatorRole;
  teamIds: ReadonlySet<string>;
}

type Placed = Pick<CannedResponse, 'scope' | 'ownerId' | 'teamId'>;

/** Personal: its owner; team: the team's members; workspace: everyone. What the `/` list and the search offer. */
export function canSee(v: Viewer, r: Placed): boolean {
  if (r.scope === 'personal') return r.ownerId === v.id;
  if (r.scope === 'team') return r.teamId !== null && v.teamIds.has(r.teamId);
  return true;
}

/** Personal: its owner only; team: its members and admins; workspace: admins. */
export function canEdit(v: Viewer, r: Placed): boolean {
  if (r.scope === 'personal') return r.ownerId === v.id;
  if (r.scope === 'team') return (r.teamId !== null && v.teamIds.has(r.teamId)) || can(v.role, 'canned.manage_any_team');
  return can(v.role, 'canned.manage_workspace');
}

/** What Settings lists for someone: what they see, and what they may change. */
export const canList = (v: Viewer, r: Placed) => canSee(v, r) || canEdit(v, r);

const RANK: Record<CannedScope, number> = { personal: 0, team: 1, workspace: 2 };

/**
 * When two responses someone sees share a shortcut (a clash that arose after
 * both were written: joining a team, a new workspace response), the closest
 * scope wins: personal, then team, then workspace; between two teams, the
 * older response.
 */
export function precedence(a: CannedResponse, b: CannedResponse): number {
  return RANK[a.scope] - RANK[b.scope] || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);
}

/** Same place: the same owner's, the same team's, or both the workspace's. */
export function samePlace(a: Placed, b: Placed): boolean {
  return a.scope === b.scope && (a.scope !== 'personal' || a.ownerId === b.ownerId) && (a.scope !== 'team' || a.teamId === b.teamId);
}
