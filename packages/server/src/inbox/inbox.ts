import { cleanName } from '@switchboard/text';
import { LANGUAGES } from '@switchboard/widget/i18n';
import { z } from 'zod';
import { displayName } from '../fields.js';
import { DEFAULT_PRE_CHAT, formTexts, preChatSettings } from '../forms/form-settings.js';

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

/**
 * The operators' own words in one language, shown to visitors who chat in it
 * (the default texts otherwise): the greeting, the team name, and the forms'
 * texts (forms/form-settings.ts). A text left empty falls back to the default.
 */
const languageTexts = z
  .object({
    greeting: z.string().max(500, 'Keep the greeting under 500 characters').optional(),
    teamName: z.string().transform(cleanName).pipe(z.string().max(100, 'Keep it under 100 characters')).optional(),
    ...formTexts,
  })
  .transform(
    (t) =>
      Object.fromEntries(
        Object.entries(t).filter(([, v]) => (typeof v === 'string' ? v.trim() !== '' : v !== undefined && Object.keys(v).length > 0)),
      ) as LanguageTexts,
  );

export interface LanguageTexts {
  greeting?: string;
  teamName?: string;
  /** Replaces "We're away right now. Leave a message and we'll reply by email." */
  offlineMessage?: string;
  /** Replaces the pre-chat form's introduction. */
  preChatIntro?: string;
  /** Field labels by key (`name`, `attributes.plan`, `consent`: its text, `team.<teamId>`: a team choice). */
  labels?: Record<string, string>;
}

/** How soon the team usually answers, as the widget header says: set by hand, measured, or not said. */
export const REPLY_TIMES = ['off', 'minutes', 'hour', 'day', 'auto'] as const;

/** A new inbox's greeting; while an inbox keeps it, visitors read it in their own language. */
export const DEFAULT_GREETING = 'Hi there! How can we help?';

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
  /** Only visitors the website vouches for (identity hash) may start or write in conversations. */
  requireVerifiedIdentity: z.boolean({ error: 'Choose on or off' }),
  /** `auto`: the visitor's browser language (English when the widget does not speak it); or one language for everyone. */
  language: z.enum(['auto', ...LANGUAGES], { error: `Choose auto or one of ${LANGUAGES.join(', ')}` }),
  /** Greeting, team name and form texts per language, e.g. { de: { greeting: 'Hallo!' } }; the whole map is replaced when given. */
  translations: z.partialRecord(z.enum(LANGUAGES, { error: `A language is one of ${LANGUAGES.join(', ')}` }), languageTexts),
  /** Operators' pictures (or initials) in the widget header and beside their messages. */
  showAvatars: z.boolean({ error: 'Choose on or off' }),
  /** off; a few minutes, an hour, a day; or auto: the median first response of the last 14 days. */
  replyTime: z.enum(REPLY_TIMES, { error: `Choose one of ${REPLY_TIMES.join(', ')}` }),
  /** A short sound in the widget when an operator's message arrives while the chat is closed or the page is in the background. */
  sound: z.boolean({ error: 'Choose on or off' }),
  /** Ask the visitor for a rating when an operator resolves the conversation (after "End chat" it is always asked). */
  askRating: z.boolean({ error: 'Choose on or off' }),
  /** The widget connects in the background on every page, so operators see visitors and their pages before any chat. */
  trackPages: z.boolean({ error: 'Choose on or off' }),
  /** While no operator is available, the widget offers a form for a message and an email address (off: it says nobody is available and lets them write). */
  offlineForm: z.boolean({ error: 'Choose on or off' }),
  /** The form before the first message of a new conversation: its fields in order. */
  preChat: preChatSettings,
};

/** Stored settings, with the defaults a new inbox starts from. */
export const inboxSettings = z.object({
  greeting: settingsFields.greeting.default(DEFAULT_GREETING),
  teamName: settingsFields.teamName.default('Support'),
  color: settingsFields.color.default('#1f6feb'),
  position: settingsFields.position.default('right'),
  allowedOrigins: settingsFields.allowedOrigins.default([]),
  sneakPeek: settingsFields.sneakPeek.default(false),
  requireVerifiedIdentity: settingsFields.requireVerifiedIdentity.default(false),
  language: settingsFields.language.default('auto'),
  translations: settingsFields.translations.default({}),
  showAvatars: settingsFields.showAvatars.default(true),
  replyTime: settingsFields.replyTime.default('off'),
  sound: settingsFields.sound.default(true),
  askRating: settingsFields.askRating.default(true),
  trackPages: settingsFields.trackPages.default(true),
  offlineForm: settingsFields.offlineForm.default(true),
  preChat: settingsFields.preChat.default(DEFAULT_PRE_CHAT),
});

/** A change to some settings: only the fields named change (no defaults fill the others in). */
export const inboxSettingsPatch = z.object(settingsFields).partial();

export type InboxSettings = z.infer<typeof inboxSettings>;

export interface Inbox {
  id: string;
  workspaceId: string;
  name: string;
  /** 'email': its conversations start by mail to its address (email-inbound/). */
  kind: 'website' | 'email';
  websiteKey: string;
  settings: InboxSettings;
  /** When the identity secret was made (identity/); null: none yet. The secret itself is never answered here. */
  identitySecretSetAt: number | null;
  /** The team its new conversations go to unless the visitor chooses one (routing); null: none. */
  defaultTeamId: string | null;
  createdAt: number;
}

const inboxName = displayName(100, 'a name for the inbox');

const defaultTeamId = z.string().min(1).max(64).nullable().optional().describe('The team new conversations go to unless the visitor chooses one; null: none');

export const createInboxInput = z.object({
  name: inboxName,
  settings: inboxSettingsPatch.optional(),
  defaultTeamId,
});

export const updateInboxInput = z.object({
  name: inboxName.optional(),
  settings: inboxSettingsPatch.optional(),
  defaultTeamId,
});

/** What the widget may learn about its inbox before any visitor exists. */
export interface PublicInbox {
  greeting: string;
  teamName: string;
  color: string;
  position: 'right' | 'left';
  /** The widget tells the visitor that operators see what they type before they send it. */
  sneakPeek: boolean;
  /** Only visitors the website vouches for may write: the widget says they must sign in on the site. */
  identityRequired: boolean;
  /** The inbox's language setting: `auto` or a fixed language. */
  language: InboxSettings['language'];
  sound: boolean;
  askRating: boolean;
}
