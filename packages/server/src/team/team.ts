import { z } from 'zod';
import { displayName } from '../fields.js';
import { idParam } from '../http/schemas.js';

export interface Team {
  id: string;
  workspaceId: string;
  name: string;
  /** Operator ids, in the order they joined. */
  memberIds: string[];
  createdAt: number;
  updatedAt: number;
}

const teamName = displayName(100, 'a name for the team');
const operatorId = idParam.shape.id;

export const createTeamInput = z.object({
  name: teamName,
  memberIds: z.array(operatorId).max(500, 'At most 500 members').default([]),
});

export const updateTeamInput = z.object({ name: teamName });

export const addMemberInput = z.object({ operatorId });

export const memberParams = z.object({ id: idParam.shape.id, operatorId });

export const teamSchema = z.object({
  id: z.string(),
  name: z.string(),
  memberIds: z.array(z.string()),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export type CreateTeamInput = z.infer<typeof createTeamInput>;
