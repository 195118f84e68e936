/**
 * An inbox's form settings: the offline form (on by default) and the
 * pre-chat form (off by default), an ordered list of fields chosen from
 * name, email, phone, a choice of team, the workspace's custom contact
 * attributes and a consent checkbox. Labels default to the widget's own
 * words in every language (an attribute's to its label, a team choice's and
 * the consent's to the text given here) and are overridden per language in
 * the inbox's `translations` (`labels`, keyed like the fields).
 */
import { z } from 'zod';
import { displayName } from '../fields.js';

const required = z.boolean({ error: 'Choose whether the field is required' }).default(false);
const teamId = z
  .string()
  .min(1, 'Choose a team')
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'Choose a team');
export const ATTRIBUTE_KEY = /^[a-z][a-z0-9_]{0,39}$/;

export const preChatField = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('name'), required }),
    z.object({ type: z.literal('email'), required }),
    z.object({ type: z.literal('phone'), required }),
    z.object({
      type: z.literal('team'),
      required,
      /** The teams visitors choose from, each with the label they read. */
      choices: z
        .array(z.object({ teamId, label: displayName(100, 'the label visitors read') }))
        .min(1, 'Give visitors at least one team to choose')
        .max(20, 'At most 20 teams')
        .refine((c) => new Set(c.map((x) => x.teamId)).size === c.length, 'Each team once'),
    }),
    z.object({ type: z.literal('attribute'), key: z.string().regex(ATTRIBUTE_KEY, 'Choose a contact attribute'), required }),
    /** Always required: the visitor ticks it to start. */
    z.object({
      type: z.literal('consent'),
      text: z.string().trim().min(1, 'Write the text visitors agree to').max(1000, 'Keep it under 1,000 characters'),
    }),
  ],
  { error: 'A field is name, email, phone, team, attribute or consent' },
);

export type PreChatField = z.infer<typeof preChatField>;

/** Where a field's value goes in the form request, and the key of its label in `translations.<lang>.labels`. */
export const fieldKey = (f: PreChatField): string => (f.type === 'attribute' ? `attributes.${f.key}` : f.type);

export const preChatSettings = z.object({
  enabled: z.boolean({ error: 'Choose on or off' }),
  fields: z
    .array(preChatField)
    .max(20, 'At most 20 fields')
    .superRefine((fields, ctx) => {
      const seen = new Set<string>();
      fields.forEach((f, i) => {
        const key = fieldKey(f);
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i], message: 'This field is in the form already' });
        seen.add(key);
      });
    }),
});

export type PreChatSettings = z.infer<typeof preChatSettings>;

/** A new inbox's pre-chat form: off, and when turned on it asks for a name and (required) an email until changed. */
export const DEFAULT_PRE_CHAT: PreChatSettings = {
  enabled: false,
  fields: [
    { type: 'name', required: false },
    { type: 'email', required: true },
  ],
};

const LABEL_KEY = /^(name|email|phone|team|consent|message|attributes\.[a-z][a-z0-9_]{0,39}|team\.[A-Za-z0-9_-]{1,64})$/;

/**
 * The form texts of one language in `translations`: the offline form's and
 * the pre-chat form's introductions, and labels by field key (`name`,
 * `attributes.plan`, `consent` for the consent's text, `team.<teamId>` for a
 * team choice). Empty ones fall back to the defaults.
 */
export const formTexts = {
  offlineMessage: z.string().max(500, 'Keep it under 500 characters').optional(),
  preChatIntro: z.string().max(500, 'Keep it under 500 characters').optional(),
  labels: z
    .record(z.string().regex(LABEL_KEY, 'A label is for a field of the forms'), z.string().max(1000, 'Keep it under 1,000 characters'))
    .refine((l) => Object.keys(l).length <= 100, 'At most 100 labels')
    .transform((l) =>
      Object.fromEntries(
        Object.entries(l)
          .filter(([, v]) => v.trim() !== '')
          .map(([k, v]) => [k, v.trim()]),
      ),
    )
    .optional(),
};
