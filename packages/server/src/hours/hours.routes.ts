import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { idParam } from '../http/schemas.js';
import { operatorShiftsInput, operatorShiftsSchema, teamHoursInput, teamHoursSchema, teamOverviewSchema } from './hours.js';
import { clearOperatorShifts, clearTeamHours, getOperatorShifts, getTeamHours, setOperatorShifts, setTeamHours } from './hours.service.js';
import { teamOverview } from './team-overview.js';

const REFUSALS =
  'Refused fields are named in `details` with a code: `invalid_time_zone`, `invalid_time`, `end_before_start` (an overnight stretch is two intervals), `overlapping_intervals`, `invalid_date`, `duplicate_date`.';

export const hoursRoutes = (ctx: Context) => [
  route({
    method: 'GET',
    url: '/api/v1/teams/:id/hours',
    operationId: 'getTeamHours',
    summary: 'A team’s business hours, whether it is open now and when that changes',
    tag: 'hours',
    auth: 'operator',
    params: idParam,
    response: teamHoursSchema,
    handler: async ({ operator, params }) => getTeamHours(ctx, operator!, params.id),
  }),
  route({
    method: 'PUT',
    url: '/api/v1/teams/:id/hours',
    operationId: 'setTeamHours',
    summary: `Set a team’s business hours: a time zone, intervals per weekday, holidays (admins). Outside them the widget of the team’s inbox offers its offline form and says when the team is back. ${REFUSALS}`,
    tag: 'hours',
    auth: 'operator',
    params: idParam,
    body: teamHoursInput,
    response: teamHoursSchema,
    handler: async ({ operator, params, body }) => setTeamHours(ctx, operator!, params.id, body),
  }),
  route({
    method: 'DELETE',
    url: '/api/v1/teams/:id/hours',
    operationId: 'clearTeamHours',
    summary: 'Remove a team’s business hours: always open (admins)',
    tag: 'hours',
    auth: 'operator',
    params: idParam,
    handler: async ({ operator, params }) => clearTeamHours(ctx, operator!, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/v1/operators/:id/shifts',
    operationId: 'getOperatorShifts',
    summary: 'An operator’s shifts, whether they are on shift now and when that changes',
    tag: 'hours',
    auth: 'operator',
    params: idParam,
    response: operatorShiftsSchema,
    handler: async ({ operator, params }) => getOperatorShifts(ctx, operator!, params.id),
  }),
  route({
    method: 'PUT',
    url: '/api/v1/operators/:id/shifts',
    operationId: 'setOperatorShifts',
    summary: `Set an operator’s shifts: a time zone, intervals per weekday, exceptions (a date off, extra intervals on a date) (admins). Off shift they get no new conversations. ${REFUSALS}`,
    tag: 'hours',
    auth: 'operator',
    params: idParam,
    body: operatorShiftsInput,
    response: operatorShiftsSchema,
    handler: async ({ operator, params, body }) => setOperatorShifts(ctx, operator!, params.id, body),
  }),
  route({
    method: 'DELETE',
    url: '/api/v1/operators/:id/shifts',
    operationId: 'clearOperatorShifts',
    summary: 'Remove an operator’s shifts: always on shift (admins)',
    tag: 'hours',
    auth: 'operator',
    params: idParam,
    handler: async ({ operator, params }) => clearOperatorShifts(ctx, operator!, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/v1/team-overview',
    operationId: 'getTeamOverview',
    summary: 'Per team: open or closed and until when, who is on shift now, who is next',
    tag: 'hours',
    auth: 'operator',
    response: teamOverviewSchema,
    handler: async ({ operator }) => teamOverview(ctx, operator!),
  }),
];
