/**
 * Validation of frames sent by clients. The server parses every incoming frame
 * with `clientFrame`; clients import only the inferred types, so zod stays out
 * of the widget bundle.
 */
import { z } from 'zod';
import { LIMITS } from './version.js';
import { RICH_LIMITS } from './rich.js';

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be an id');
const ref = z.string().max(64).optional();
const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const clientId = z
  .string()
  .min(1)
  .max(LIMITS.maxClientIdChars)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII');

export const visitorAuth = z.object({
  kind: z.literal('visitor'),
  websiteKey: z.string().min(1).max(64),
  visitorToken: z.string().min(1).max(200),
});
export const operatorAuth = z.object({
  kind: z.literal('operator'),
  /** Session token; browsers on the same origin may omit it and rely on the session cookie. */
  token: z.string().min(1).max(200).optional(),
});

export const helloFrame = z.object({
  type: z.literal('hello'),
  v: z.number().int(),
  ref,
  auth: z.discriminatedUnion('kind', [visitorAuth, operatorAuth]),
});

export const subscribeFrame = z.object({
  type: z.literal('subscribe'),
  ref,
  conversationId: id,
  /** Last sequence seen; the server replays everything after it. Omit for the latest page only. */
  after: seq.optional(),
});

export const unsubscribeFrame = z.object({ type: z.literal('unsubscribe'), ref, conversationId: id });

const productId = z.string().trim().min(1).max(RICH_LIMITS.productIdMaxChars);
const productIds = (min: number, max: number, what: string) =>
  z
    .array(productId)
    .min(min, `A ${what} needs at least ${min} products`)
    .max(max, `A ${what} shows at most ${max} products`)
    .refine((ids) => new Set(ids).size === ids.length, 'Each product once');

/** A rich message as a sender asks for it (protocol RichRequest): products by the shop's id; the server makes the snapshot. */
export const richRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('product'), productId }),
  z.object({ type: z.literal('carousel'), productIds: productIds(RICH_LIMITS.carouselMin, RICH_LIMITS.carouselMax, 'carousel') }),
  z.object({
    type: z.literal('comparison'),
    productIds: productIds(RICH_LIMITS.comparisonMin, RICH_LIMITS.comparisonMax, 'comparison'),
    attributes: z
      .array(z.string().trim().min(1).max(60))
      .max(RICH_LIMITS.comparisonAttributesMax, `Compare at most ${RICH_LIMITS.comparisonAttributesMax} attributes`)
      .optional(),
  }),
  z.object({
    type: z.literal('quick_replies'),
    options: z
      .array(
        z
          .string()
          .trim()
          .min(1, 'A quick reply needs a label')
          .max(RICH_LIMITS.quickReplyMaxChars, `Keep each quick reply under ${RICH_LIMITS.quickReplyMaxChars + 1} characters`),
      )
      .min(RICH_LIMITS.quickRepliesMin, `Give at least ${RICH_LIMITS.quickRepliesMin} quick replies`)
      .max(RICH_LIMITS.quickRepliesMax, `Give at most ${RICH_LIMITS.quickRepliesMax} quick replies`),
  }),
]);

export const sendFrame = z.object({
  type: z.literal('send'),
  ref,
  /** Omitted by a visitor with no conversation yet: the server starts one. */
  conversationId: id.optional(),
  clientId,
  body: z.string().max(LIMITS.maxMessageChars),
  attachmentIds: z.array(id).max(LIMITS.maxAttachmentsPerMessage).optional(),
  /**
   * Visitors: start a new conversation with this message even when another one
   * is open ("New conversation"); without `conversationId`. Sending again with
   * the same client id stores it once, in the conversation the first one started.
   */
  newConversation: z.boolean().optional(),
  /** Operators and bots: a rich message (product card, carousel, comparison, quick replies); `body` is its text or question. */
  rich: richRequest.optional(),
});

export const typingFrame = z.object({ type: z.literal('typing'), ref, conversationId: id, typing: z.boolean() });

export const readFrame = z.object({ type: z.literal('read'), ref, conversationId: id, seq: seq.min(1) });

export const presenceFrame = z.object({
  type: z.literal('presence'),
  ref,
  status: z.enum(['online', 'away']),
});

export const pageFrame = z.object({
  type: z.literal('page'),
  ref,
  url: z.string().max(2048),
  title: z.string().max(512).optional(),
  referrer: z.string().max(2048).optional(),
  timeZone: z.string().max(64).optional(),
  locale: z.string().max(35).optional(),
});

export const pingFrame = z.object({ type: z.literal('ping'), ref });

/** Operators: the conversation this console tab shows while it is visible (null: none, or the tab is hidden). */
export const viewFrame = z.object({
  type: z.literal('view'),
  ref,
  conversationId: id.nullable(),
  /** Supervisors, admins, owners: "Monitor", follow it silently, without appearing among its viewers. */
  monitor: z.boolean().optional(),
});

/** Visitors: what they are typing, not sent yet (sneak peek). Ignored unless the inbox turned sneak peek on. */
export const draftFrame = z.object({ type: z.literal('draft'), ref, conversationId: id, text: z.string().max(LIMITS.maxDraftChars) });

/** Operators: someone used this console (keyboard, pointer) since the last one; keeps them from going away when idle. */
export const activityFrame = z.object({ type: z.literal('activity'), ref });

/** Operators: start (true) or stop (false) following who is on the site now (the Visitors page). */
export const visitorsFrame = z.object({ type: z.literal('visitors'), ref, follow: z.boolean() });

export const clientFrame = z.discriminatedUnion('type', [
  helloFrame,
  subscribeFrame,
  unsubscribeFrame,
  sendFrame,
  typingFrame,
  readFrame,
  presenceFrame,
  pageFrame,
  pingFrame,
  viewFrame,
  draftFrame,
  activityFrame,
  visitorsFrame,
]);

export type HelloFrame = z.infer<typeof helloFrame>;
export type SubscribeFrame = z.infer<typeof subscribeFrame>;
export type UnsubscribeFrame = z.infer<typeof unsubscribeFrame>;
export type SendFrame = z.infer<typeof sendFrame>;
export type TypingFrame = z.infer<typeof typingFrame>;
export type ReadFrame = z.infer<typeof readFrame>;
export type PresenceFrame = z.infer<typeof presenceFrame>;
export type PageFrame = z.infer<typeof pageFrame>;
export type PingFrame = z.infer<typeof pingFrame>;
export type ViewFrame = z.infer<typeof viewFrame>;
export type DraftFrame = z.infer<typeof draftFrame>;
export type ActivityFrame = z.infer<typeof activityFrame>;
export type VisitorsFollowFrame = z.infer<typeof visitorsFrame>;
export type ClientFrame = z.infer<typeof clientFrame>;
