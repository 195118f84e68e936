import { z } from 'zod';
import { displayName } from '../fields.js';

const ORIGIN_HINT = 'Enter a full address such as https://shop.example.com';

/** A website's origin (scheme, host and port), written as people paste it: a trailing path or slash is dropped. */
const origin = z
  .string()
  .trim()
  .max(200, 'Keep the address under 200 characters')
  .transform((v, ctx) => {
    try {
      const u = new URL(v);
      if (u.protocol === 'http:' || u.protocol === 'https:') return u.origin;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: 'custom', message: ORIGIN_HINT });
    return z.NEVER;
  });

const settingsFields = {
  greeting: z.string().max(500, 'Keep the greeting under 500 characters'),
  teamName: displayName(100, 'the name visitors see'),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Enter a colour like #1f6feb'),
  position: z.enum(['right', 'left']),
  /** Pages allowed to embed the widget, e.g. "https://shop.example.com". Empty: any origin. */
  allowedOrigins: z
    .array(origin)
    .max(50, 'At most 50 addresses')
    .transform((list) => [...new Set(list)]),
  /** Sneak peek: operators see what the visitor types before it is sent (redacted), and the widget says so. */
  sneakPeek: z.boolean({ error: 'Choose on or off' }),
  /** The widget connects in the background on every page, so operators see visitors and their pages before any chat. */
  trackPages: z.boolean({ error: 'Choose on or off' }),
};

/** Stored settings, with the defaults a new inbox starts from. */
export const inboxSettings = z.object({
  greeting: settingsFields.greeting.default('Hi there! How can we help?'),
  teamName: settingsFields.teamName.default('Support'),
  color: settingsFields.color.default('#1f6feb'),
  position: settingsFields.position.default('right'),
  allowedOrigins: settingsFields.allowedOrigins.default([]),
  sneakPeek: settingsFields.sneakPeek.default(false),
  trackPages: settingsFields.trackPages.default(true),
});

/** A change to some settings: only the fields named change (no defaults fill the others in). */
export const inboxSettingsPatch = z.object(settingsFields).partial();

export type InboxSettings = z.infer<typeof inboxSettings>;

export interface Inbox {
  id: string;
  workspaceId: string;
  name: string;
  kind: 'website';
  websiteKey: string;
  settings: InboxSettings;
  createdAt: number;
}

const inboxName = displayName(100, 'a name for the inbox');

export const createInboxInput = z.object({
  name: inboxName,
  settings: inboxSettingsPatch.optional(),
});

export const updateInboxInput = z.object({
  name: inboxName.optional(),
  settings: inboxSettingsPatch.optional(),
});

/** What the widget may learn about its inbox before any visitor exists. */
export interface PublicInbox {
  greeting: string;
  teamName: string;
  color: string;
  position: 'right' | 'left';
  /** The widget tells the visitor that operators see what they type before they send it. */
  sneakPeek: boolean;
}
