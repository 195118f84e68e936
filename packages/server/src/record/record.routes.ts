import { z } from 'zod';
import type { Context } from '../context.js';
import { STATUSES, VIEWS } from '../conversation/conversation.js';
import { route } from '../http/route.js';
import { CONVERSATION_COLUMNS, exportConversations } from './conversation-export.js';
import { sendCsv } from './csv.js';

export const recordRoutes = (ctx: Context) => [
  route({
    method: 'GET',
    url: '/api/v1/conversations/export',
    operationId: 'exportConversations',
    summary: `Conversations as CSV (UTF-8 with a BOM), one row per conversation, filtered like the inbox; streamed. Columns: ${CONVERSATION_COLUMNS.join(', ')} (admins; supervisors: what they see)`,
    tag: 'conversations',
    auth: 'operator',
    query: z.object({
      view: z.enum(VIEWS).default('all'),
      status: z.enum(STATUSES).optional(),
      label: z.string().min(1).max(64).optional(),
    }),
    produces: 'text/csv',
    handler: async ({ operator, query, reply }) => {
      const rows = await exportConversations(ctx, operator!, query);
      return sendCsv(reply, 'conversations.csv', CONVERSATION_COLUMNS, rows);
    },
  }),
];
