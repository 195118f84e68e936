/**
 * Schemas of what the API answers, for the OpenAPI document. The route tests
 * parse real answers with them, so the document stays true.
 */
import { z } from 'zod';

export const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
});

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

const author = z.object({ kind: z.enum(['visitor', 'operator', 'system', 'bot']), id: z.string().nullable(), name: z.string().nullable() });

export const attachmentSchema = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number(), url: z.string() });

export const contactSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  createdAt: z.number(),
  externalId: z.string().nullable().optional().describe('The website’s id for this person, set only from a valid identity hash'),
  verifiedAt: z.number().nullable().optional().describe('When the website last vouched for this contact (identity hash); null: unverified'),
  claimedId: z.string().nullable().optional().describe('An id the visitor’s page claimed without a valid identity hash: unverified'),
});

export const operatorSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(['owner', 'admin', 'supervisor', 'operator']),
  status: z.enum(['online', 'away', 'offline']),
  disabled: z.boolean(),
});

export const messageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  seq: z.number(),
  clientId: z.string().nullable(),
  author,
  kind: z.enum(['text', 'event']),
  body: z.string(),
  attachments: z.array(attachmentSchema),
  event: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.number(),
  mood: z
    .object({ mood: z.enum(['negative', 'neutral', 'positive']), confidence: z.number() })
    .nullable()
    .optional()
    .describe('Operators only: the mood of a visitor message once scored (after it is stored); absent or null: not scored'),
  email: z
    .object({ state: z.enum(['queued', 'sent', 'failed']), error: z.string().nullable(), recipient: z.string() })
    .nullable()
    .optional()
    .describe('Operators only: the mail that carries an operator message (queued, sent, or failed with the mail server’s reason); absent: not mailed'),
  rich: z
    .record(z.string(), z.unknown())
    .nullable()
    .optional()
    .describe(
      'A rich message (E2): { type: product, product } | { type: carousel, products } | { type: comparison, products, attributes } | { type: quick_replies, options: [{ id, label }] }; products as ProductCard snapshots; absent: a plain message',
    ),
  richClicks: z.number().optional().describe('Operators only: how many times the visitor clicked in this rich message'),
  /** The text as safe HTML: basic formatting (bold, italic, code, lists, line breaks) and http(s) links, everything else escaped. */
  html: z.string(),
});

export const conversationSchema = z.object({
  id: z.string(),
  inboxId: z.string(),
  status: z.enum(['open', 'pending', 'snoozed', 'resolved']),
  assigneeId: z.string().nullable(),
  visitorId: z.string(),
  contact: contactSchema.nullable(),
  lastSeq: z.number(),
  lastMessage: z.object({ seq: z.number(), author, preview: z.string(), createdAt: z.number(), files: z.number() }).nullable(),
  unreadCount: z.number(),
  labels: z.array(z.string()),
  snoozedUntil: z.number().nullable(),
  mergedInto: z.string().nullable(),
  rating: z.number().nullable().describe('The visitor’s rating, 1 to 5; null while unrated'),
  teamId: z.string().nullable().describe('The team the visitor chose in the pre-chat form; null: none'),
  awaitingEmailReply: z
    .boolean()
    .describe('Left with the offline form while nobody was available: the visitor waits for the reply by email (shown while not resolved)'),
  priority: z.enum(['urgent', 'high', 'normal', 'low']),
  queuedAt: z.number().nullable().describe('Waiting in its team’s queue since then; null: not waiting'),
  slaDueAt: z.number().nullable().optional().describe('SLA: when the nearest target not yet breached is due; null: none running'),
  slaTarget: z.enum(['first_response', 'next_response', 'resolution']).nullable().optional().describe('SLA: which target is due at slaDueAt'),
  slaWarnAt: z.number().nullable().optional().describe('SLA: when that target is near breach'),
  slaBreachedAt: z.number().nullable().optional().describe('SLA: the latest breach of a target not met yet; null: none'),
  mood: z.enum(['negative', 'neutral', 'positive']).nullable().optional().describe('Mood of the visitor’s latest scored message; absent: none yet'),
  moodConfidence: z.number().nullable().optional().describe('Confidence of that mood, 0 to 1'),
  moodTrend: z.enum(['souring', 'steady', 'improving']).nullable().optional().describe('How the visitor’s mood moves over the conversation'),
  visitorReadSeq: z.number(),
  operatorReadSeq: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const visitorSchema = z.object({
  id: z.string(),
  pageUrl: z.string().nullable(),
  pageTitle: z.string().nullable(),
  referrer: z.string().nullable(),
  userAgent: z.string().nullable(),
  timeZone: z.string().nullable(),
  locale: z.string().nullable(),
  lastSeenAt: z.number().nullable(),
});

export const inboxSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['website', 'email']).describe("'email': conversations start by mail to its address (GET /api/v1/email/inboxes)"),
  websiteKey: z.string(),
  settings: z.object({
    greeting: z.string(),
    teamName: z.string(),
    color: z.string(),
    position: z.enum(['right', 'left']),
    allowedOrigins: z.array(z.string()),
    sneakPeek: z.boolean().describe('Operators see what visitors type before they send it (redacted); the widget says so'),
    requireVerifiedIdentity: z.boolean().describe('Only visitors the website vouches for (identity hash) may start or write in conversations'),
    trackPages: z
      .boolean()
      .describe('The widget connects in the background on every page (after it loads), so operators see who is on the site and the pages they view'),
    offlineForm: z
      .boolean()
      .describe('While no operator is online the widget offers a form for a message and an email address (off: it says nobody is available)'),
    preChat: z
      .object({
        enabled: z.boolean(),
        fields: z.array(z.record(z.string(), z.unknown())).describe('In order: { type: name | email | phone | team | attribute | consent, required, … }'),
      })
      .describe('The form the widget shows before the first message of a new conversation'),
  }),
  defaultTeamId: z.string().nullable().describe('The team new conversations go to unless the visitor chooses one'),
  identitySecretSetAt: z.number().nullable().describe('When the identity secret was made; null: none yet. The secret is answered only once, when made'),
  createdAt: z.number(),
});

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const historySchema = z.object({ messages: z.array(messageSchema), hasEarlier: z.boolean() });

export const sendResultSchema = z.object({ message: messageSchema, conversation: conversationSchema, duplicate: z.boolean() });

export const eventResultSchema = z.object({ conversation: conversationSchema, message: messageSchema.nullable() });

export const historyQuery = z.object({
  after: z.coerce.number().int().min(0).optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
