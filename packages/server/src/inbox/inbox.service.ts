import { randomBytes } from 'node:crypto';
import { type Language, translator } from '@switchboard/widget/i18n';
import type { Context } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import { findTeam } from '../team/team.repository.js';
import { newId } from '../ids.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { forgetIdentityRequirement } from '../identity/requirement.js';
import { checkFormSettings } from '../forms/check-form-settings.js';
import { DEFAULT_GREETING, type Inbox, type InboxSettings, inboxSettings, type PublicInbox } from './inbox.js';
import { findInbox, findInboxByKey, insertInbox, listInboxes as listRows, toInbox, updateInbox as updateRow } from './inbox.repository.js';

export async function createInbox(
  ctx: Context,
  workspaceId: string,
  input: { name: string; settings?: Partial<InboxSettings>; websiteKey?: string; defaultTeamId?: string | null | undefined; kind?: Inbox['kind'] },
): Promise<Inbox> {
  const row = {
    id: newId(),
    workspace_id: workspaceId,
    name: input.name,
    // An email inbox has a website key too (the column is required and unique); no widget ever uses it.
    kind: input.kind ?? 'website',
    website_key: input.websiteKey ?? `wk_${randomBytes(12).toString('base64url')}`,
    settings: JSON.stringify(inboxSettings.parse(input.settings ?? {})),
    identity_secret: null,
    identity_secret_at: null,
    default_team_id: input.defaultTeamId ?? null,
    sla_policy_id: null,
    created_at: ctx.now(),
  };
  await insertInbox(ctx.db, row);
  return toInbox(row);
}

export async function createInboxAs(
  ctx: Context,
  actor: Operator,
  input: { name: string; settings?: Partial<InboxSettings>; defaultTeamId?: string | null | undefined; kind?: Inbox['kind'] },
): Promise<Inbox> {
  authorize(actor, 'inbox.manage');
  await checkFormSettings(ctx, actor.workspaceId, input.settings?.preChat);
  await checkTeam(ctx, actor.workspaceId, input.defaultTeamId);
  return createInbox(ctx, actor.workspaceId, input);
}

export async function listInboxes(ctx: Context, actor: Operator): Promise<Inbox[]> {
  authorize(actor, 'inbox.view');
  return (await listRows(ctx.db, actor.workspaceId)).map(toInbox);
}

export async function getInbox(ctx: Context, actor: Operator, id: string): Promise<Inbox> {
  authorize(actor, 'inbox.view');
  const row = await findInbox(ctx.db, actor.workspaceId, id);
  if (!row) throw notFound('Inbox');
  return toInbox(row);
}

export async function updateInbox(
  ctx: Context,
  actor: Operator,
  id: string,
  input: { name?: string | undefined; settings?: Partial<InboxSettings> | undefined; defaultTeamId?: string | null | undefined },
): Promise<Inbox> {
  authorize(actor, 'inbox.manage');
  const current = await getInbox(ctx, actor, id);
  await checkFormSettings(ctx, actor.workspaceId, input.settings?.preChat);
  await checkTeam(ctx, actor.workspaceId, input.defaultTeamId);
  const settings = inboxSettings.parse({ ...current.settings, ...input.settings });
  const defaultTeamId = input.defaultTeamId === undefined ? current.defaultTeamId : input.defaultTeamId;
  await updateRow(ctx.db, actor.workspaceId, id, { name: input.name ?? current.name, settings: JSON.stringify(settings), default_team_id: defaultTeamId });
  forgetIdentityRequirement(ctx, id);
  // Another team's hours now decide the inbox's widget: widgets read them again.
  const team = defaultTeamId ?? current.defaultTeamId;
  if (defaultTeamId !== current.defaultTeamId && team) {
    ctx.events.emit({ type: 'schedule.changed', workspaceId: actor.workspaceId, teamId: team, operatorId: null });
  }
  return { ...current, name: input.name ?? current.name, settings, defaultTeamId };
}

/** An inbox routes to a team of its own workspace. */
async function checkTeam(ctx: Context, workspaceId: string, teamId: string | null | undefined): Promise<void> {
  if (!teamId) return;
  if (!(await findTeam(ctx.db, workspaceId, teamId))) throw badRequest('Unknown team: defaultTeamId names no team of this workspace');
}

export async function inboxByWebsiteKey(ctx: Context, websiteKey: string): Promise<Inbox> {
  const row = await findInboxByKey(ctx.db, websiteKey);
  // An email inbox has a key (the column is required) but no widget: nobody chats through it.
  if (!row || row.kind === 'email') throw notFound('Website');
  return toInbox(row);
}

/**
 * What visitors may see of an inbox: its look and words in their language
 * (the default texts where none was given for it), never its internal name
 * (visitors see the team name).
 */
export function presentPublicInbox(inbox: Inbox, lang?: Language): PublicInbox {
  const { color, position, sneakPeek, language, sound, askRating, requireVerifiedIdentity } = inbox.settings;
  const own = lang ? inbox.settings.translations[lang] : undefined;
  // The default greeting is the product's words, said in the visitor's language; an inbox's own is said as written.
  const greeting = own?.greeting ?? (lang && inbox.settings.greeting === DEFAULT_GREETING ? translator(lang)('defaultGreeting') : inbox.settings.greeting);
  const teamName = own?.teamName ?? inbox.settings.teamName;
  return { greeting, teamName, color, position, sneakPeek, language, sound, askRating, identityRequired: requireVerifiedIdentity };
}

/** The embedding page's origin must be on the inbox's allow-list (an empty list allows all). */
export function originAllowed(inbox: Inbox, origin: string | undefined): boolean {
  const list = inbox.settings.allowedOrigins;
  if (list.length === 0) return true;
  if (!origin) return false;
  return list.some((o) => URL.canParse(o) && new URL(o).origin === origin);
}
