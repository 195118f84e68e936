/** Visitors' events from the host site: what `Switchboard('track', name, data)` sends, and what operators read. */
import { z } from 'zod';
import { identityAttributes } from '../identity/identity.js';

/** The same rule as the widget's (widget/src/app/sdk.ts): names people read in the console. */
export const EVENT_NAME = /^[\w .:/-]{1,100}$/;

export const trackInput = z
  .object({
    name: z.string().regex(EVENT_NAME, 'An event name is 1 to 100 letters, digits, spaces or . : / - _'),
    data: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        'A flat object of text, numbers and booleans (at most 50); for `purchase`: { orderId, value, currency, items: [{ productId, quantity, price? }], hmac? } (sales/, checked there)',
      ),
  })
  .transform((e, c) => {
    // A purchase's data is checked by sales/ (each refusal its own code).
    if (e.name === 'purchase' || e.data === undefined) return e;
    const r = identityAttributes.safeParse(e.data);
    if (r.success) return { ...e, data: r.data };
    for (const i of r.error.issues) c.addIssue({ code: 'custom', message: i.message, path: ['data', ...i.path] });
    return z.NEVER;
  });
export type TrackInput = z.infer<typeof trackInput>;

export const visitorEventSchema = z.object({
  id: z.string(),
  name: z.string(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullable(),
  createdAt: z.number(),
});

export const eventsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
