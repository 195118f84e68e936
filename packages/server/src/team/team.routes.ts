import { z } from 'zod';
import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { idParam } from '../http/schemas.js';
import type { CannedChanges } from '../canned/canned-changes.js';
import { addMemberInput, createTeamInput, memberParams, teamSchema, updateTeamInput } from './team.js';
import { addTeamMember, createTeam, deleteTeam, getTeam, listTeams, removeTeamMember, renameTeam } from './team.service.js';

export const teamRoutes = (ctx: Context, canned: CannedChanges) => [
  route({
    method: 'GET',
    url: '/api/v1/teams',
    operationId: 'listTeams',
    summary: 'Teams of the workspace with their members, by name',
    tag: 'teams',
    auth: 'operator',
    response: z.object({ items: z.array(teamSchema) }),
    handler: async ({ operator }) => ({ items: (await listTeams(ctx, operator!)).map(strip) }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/teams',
    operationId: 'createTeam',
    summary: 'Create a team, with members if given',
    tag: 'teams',
    auth: 'operator',
    body: createTeamInput,
    status: 201,
    response: teamSchema,
    handler: async ({ operator, body }) => strip(await createTeam(ctx, operator!, body, canned)),
  }),
  route({
    method: 'GET',
    url: '/api/v1/teams/:id',
    operationId: 'getTeam',
    summary: 'One team with its members',
    tag: 'teams',
    auth: 'operator',
    params: idParam,
    response: teamSchema,
    handler: async ({ operator, params }) => strip(await getTeam(ctx, operator!, params.id)),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/teams/:id',
    operationId: 'updateTeam',
    summary: 'Rename a team',
    tag: 'teams',
    auth: 'operator',
    params: idParam,
    body: updateTeamInput,
    response: teamSchema,
    handler: async ({ operator, params, body }) => strip(await renameTeam(ctx, operator!, params.id, body.name)),
  }),
  route({
    method: 'DELETE',
    url: '/api/v1/teams/:id',
    operationId: 'deleteTeam',
    summary: 'Delete a team, its memberships and its team canned responses',
    tag: 'teams',
    auth: 'operator',
    params: idParam,
    handler: async ({ operator, params }) => deleteTeam(ctx, operator!, params.id, canned),
  }),
  route({
    method: 'POST',
    url: '/api/v1/teams/:id/members',
    operationId: 'addTeamMember',
    summary: 'Add an operator to a team (adding a member twice changes nothing)',
    tag: 'teams',
    auth: 'operator',
    params: idParam,
    body: addMemberInput,
    response: teamSchema,
    handler: async ({ operator, params, body }) => strip(await addTeamMember(ctx, operator!, params.id, body.operatorId, canned)),
  }),
  route({
    method: 'DELETE',
    url: '/api/v1/teams/:id/members/:operatorId',
    operationId: 'removeTeamMember',
    summary: 'Take an operator out of a team',
    tag: 'teams',
    auth: 'operator',
    params: memberParams,
    response: teamSchema,
    handler: async ({ operator, params }) => strip(await removeTeamMember(ctx, operator!, params.id, params.operatorId, canned)),
  }),
];

/** The API never says which workspace a team is in: the caller's. */
function strip({ workspaceId: _, ...team }: { workspaceId: string } & z.infer<typeof teamSchema>) {
  return team;
}
