import { z } from 'zod';
import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { idParam } from '../http/schemas.js';
import { macroActionSchema } from './actions/index.js';
import { macroInputs, macroSchema, runParams, runResultSchema } from './macro.js';
import { createMacro, deleteMacro, getMacro, listMacrosFor, updateMacro } from './macro.service.js';
import { runMacro } from './run-macro.js';

export const macroRoutes = (ctx: Context) => {
  const inputs = macroInputs(macroActionSchema());
  return [
    route({
      method: 'GET',
      url: '/api/v1/macros',
      operationId: 'listMacros',
      summary: 'The macros you may run: the workspace’s and your personal ones, by name',
      tag: 'macros',
      auth: 'operator',
      response: z.object({ items: z.array(macroSchema) }),
      handler: async ({ operator }) => ({ items: await listMacrosFor(ctx, operator!) }),
    }),
    route({
      method: 'POST',
      url: '/api/v1/macros',
      operationId: 'createMacro',
      summary: 'Create a macro: a name and a list of actions, personal (yours) or for the workspace (admins)',
      tag: 'macros',
      auth: 'operator',
      body: inputs.create,
      status: 201,
      response: macroSchema,
      handler: async ({ operator, body }) => createMacro(ctx, operator!, body),
    }),
    route({
      method: 'GET',
      url: '/api/v1/macros/:id',
      operationId: 'getMacro',
      summary: 'One macro',
      tag: 'macros',
      auth: 'operator',
      params: idParam,
      response: macroSchema,
      handler: async ({ operator, params }) => getMacro(ctx, operator!, params.id),
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/macros/:id',
      operationId: 'updateMacro',
      summary: 'Rename a macro, change its actions or its scope',
      tag: 'macros',
      auth: 'operator',
      params: idParam,
      body: inputs.update,
      response: macroSchema,
      handler: async ({ operator, params, body }) => updateMacro(ctx, operator!, params.id, body),
    }),
    route({
      method: 'DELETE',
      url: '/api/v1/macros/:id',
      operationId: 'deleteMacro',
      summary: 'Delete a macro',
      tag: 'macros',
      auth: 'operator',
      params: idParam,
      handler: async ({ operator, params }) => deleteMacro(ctx, operator!, params.id),
    }),
    route({
      method: 'POST',
      url: '/api/v1/conversations/:id/macros/:macroId/run',
      operationId: 'runMacro',
      summary: 'Run a macro on a conversation: its actions in order, stopping at the first that fails (the answer says which, and what was done)',
      tag: 'macros',
      auth: 'operator',
      params: runParams,
      response: runResultSchema,
      handler: async ({ operator, params }) => runMacro(ctx, { actor: operator!, conversationId: params.id, macroId: params.macroId }),
    }),
  ];
};
