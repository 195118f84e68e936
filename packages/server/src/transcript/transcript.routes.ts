/** Downloading a conversation's transcript: the visitor's own (from the widget) and the team's (from the console). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { idParam } from '../http/schemas.js';
import { operatorTranscriptQuery, visitorTranscriptQuery } from './transcript.js';
import { operatorTranscript, type TranscriptFile, visitorTranscript } from './transcript.service.js';

/** Where links in a transcript point: PUBLIC_URL when set, else the address this request was made to. */
const baseUrlOf = (ctx: Context, req: FastifyRequest) => (ctx.config.publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/+$/, '');

function sendFile(reply: FastifyReply, file: TranscriptFile) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(file.body);
}

export const transcriptRoutes = (ctx: Context) => [
  route({
    method: 'GET',
    url: '/api/v1/widget/conversations/:id/transcript',
    operationId: 'downloadVisitorTranscript',
    summary:
      'The visitor’s transcript of one of their conversations, as HTML or plain text, in their language and time zone; files are links that work for 30 days',
    tag: 'widget',
    auth: 'visitor',
    params: idParam,
    query: visitorTranscriptQuery,
    handler: async ({ visitor, params, query, req, reply }) => sendFile(reply, await visitorTranscript(ctx, visitor!, params.id, query, baseUrlOf(ctx, req))),
  }),
  route({
    method: 'GET',
    url: '/api/v1/conversations/:id/transcript',
    operationId: 'downloadTranscript',
    summary: 'A conversation’s transcript as HTML or plain text (messages and system lines; never private notes); files are links that work for 30 days',
    tag: 'conversations',
    auth: 'operator',
    params: idParam,
    query: operatorTranscriptQuery,
    handler: async ({ operator, params, query, req, reply }) =>
      sendFile(reply, await operatorTranscript(ctx, operator!, params.id, query, baseUrlOf(ctx, req))),
  }),
];
