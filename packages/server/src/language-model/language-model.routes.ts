import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { getLanguageModelSettings, removeLanguageModel, setLanguageModelSettings, testLanguageModel } from './language-model.service.js';
import { settingsInput, settingsSchema, testResultSchema } from './language-model-settings.js';
import { WorkspaceLanguageModel } from './workspace-language-model.js';

const tag = 'assist';
const url = '/api/v1/assist/language-model';
const noStore = (reply: { header(k: string, v: string): unknown }) => reply.header('cache-control', 'no-store');

/** The workspace's optional language model (G6), for owners and admins. */
export const languageModelRoutes = (ctx: Context) => {
  const model = ctx.languageModel instanceof WorkspaceLanguageModel ? ctx.languageModel : new WorkspaceLanguageModel(ctx);
  return [
    route({
      method: 'GET',
      url,
      operationId: 'getLanguageModel',
      summary: 'The workspace’s language model: endpoint, model, whether a key is stored (never the key), timeout, uses',
      tag,
      auth: 'operator',
      response: settingsSchema,
      handler: async ({ operator, reply }) => {
        noStore(reply);
        return getLanguageModelSettings(ctx, operator!);
      },
    }),
    route({
      method: 'PUT',
      url,
      operationId: 'setLanguageModel',
      summary: 'Set the workspace’s language model (any OpenAI-compatible chat completions endpoint); the key is stored encrypted',
      tag,
      auth: 'operator',
      body: settingsInput,
      response: settingsSchema,
      handler: async ({ operator, body, reply }) => {
        noStore(reply);
        return setLanguageModelSettings(ctx, operator!, body);
      },
    }),
    route({
      method: 'DELETE',
      url,
      operationId: 'removeLanguageModel',
      summary: 'Remove the workspace’s language model and its key: nothing is sent anywhere any more',
      tag,
      auth: 'operator',
      handler: async ({ operator }) => {
        await removeLanguageModel(ctx, operator!);
      },
    }),
    route({
      method: 'POST',
      url: `${url}/test`,
      operationId: 'testLanguageModel',
      summary: 'Send one small grounded request with the saved settings; the answer says ok, or the error code and why',
      tag,
      auth: 'operator',
      response: testResultSchema,
      handler: async ({ operator }) => testLanguageModel(ctx, model, operator!),
    }),
  ];
};
