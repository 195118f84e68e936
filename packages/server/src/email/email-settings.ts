/**
 * A workspace's outgoing mail settings: the SMTP server (host, port, how the
 * connection is secured, the account), who mail comes from, the domain of
 * reply addresses, and how long a visitor who left has to see a reply before
 * it goes by mail. The password is write-only: answers say whether one is set.
 */
import { z } from 'zod';
import type { Context } from '../context.js';
import type { Db } from '../db/database.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import type { EmailSettingsTable } from './email.table.js';
import './email.table.js';

const hostname = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[[0-9A-Fa-f:.]+\]$/, 'Enter a host name or an IP address');
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$|^localhost$/, 'Enter a domain such as mail.example.com');

/** No control characters: a line break in a header value would start another header. */
const oneLine = /^[^\u0000-\u001f\u007f]*$/;

export const emailSettingsInput = z.object({
  smtpHost: hostname.nullable().optional().describe('The SMTP server mail goes out through; null: no mail is sent'),
  smtpPort: z.number().int().min(1).max(65535).nullable().optional().describe('Default 587 with STARTTLS, 465 with TLS, 25 without'),
  smtpSecurity: z
    .enum(['starttls', 'tls', 'none'])
    .optional()
    .describe('starttls: upgrade a plain connection (required); tls: TLS from the start; none: plain'),
  smtpUser: z.string().trim().max(320).regex(oneLine, 'Write it on one line').nullable().optional().describe('The account to sign in with; null: no sign-in'),
  smtpPassword: z.string().max(1024).nullable().optional().describe('Write-only: never returned. Absent: unchanged; null: removed'),
  fromAddress: z.email('Enter an email address').max(320).nullable().optional(),
  fromName: z.string().trim().max(120).regex(oneLine, 'Write it on one line').nullable().optional(),
  replyDomain: domain.nullable().optional().describe('Replies go to reply+<token>@<this domain>; its mail must reach Switchboard (inbound)'),
  unseenDelayMinutes: z.number().int().min(1).max(10_080).optional().describe('How long a visitor who left has to see a reply before it goes by mail'),
});
export type EmailSettingsInput = z.infer<typeof emailSettingsInput>;

export const emailSettingsSchema = z.object({
  smtpHost: z.string().nullable(),
  smtpPort: z.number().nullable(),
  smtpSecurity: z.enum(['starttls', 'tls', 'none']),
  smtpUser: z.string().nullable(),
  passwordSet: z.boolean().describe('A password is stored (it is never returned)'),
  fromAddress: z.string().nullable(),
  fromName: z.string().nullable(),
  replyDomain: z.string().nullable(),
  unseenDelayMinutes: z.number(),
  configured: z.boolean().describe('Host and from address are set: mail can go out'),
});
export type EmailSettingsDto = z.infer<typeof emailSettingsSchema>;

export type EmailSettingsRow = EmailSettingsTable;

export async function findEmailSettings(db: Db, workspaceId: string): Promise<EmailSettingsRow | undefined> {
  return db.selectFrom('email_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
}

export const isConfigured = (r: EmailSettingsRow | undefined): r is EmailSettingsRow & { smtp_host: string; from_address: string } =>
  Boolean(r?.smtp_host && r.from_address);

/** The domain of Message-IDs and reply addresses: the reply domain, else the from address's. */
export const mailDomain = (r: EmailSettingsRow): string => r.reply_domain ?? r.from_address?.split('@')[1] ?? 'localhost';

export function presentEmailSettings(r: EmailSettingsRow | undefined): EmailSettingsDto {
  return {
    smtpHost: r?.smtp_host ?? null,
    smtpPort: r?.smtp_port ?? null,
    smtpSecurity: (r?.smtp_security ?? 'starttls') as EmailSettingsDto['smtpSecurity'],
    smtpUser: r?.smtp_user ?? null,
    passwordSet: Boolean(r?.smtp_password),
    fromAddress: r?.from_address ?? null,
    fromName: r?.from_name ?? null,
    replyDomain: r?.reply_domain ?? null,
    unseenDelayMinutes: r?.unseen_delay_minutes ?? 10,
    configured: isConfigured(r),
  };
}

export async function readEmailSettings(ctx: Context, actor: Operator): Promise<EmailSettingsDto> {
  authorize(actor, 'email.manage');
  return presentEmailSettings(await findEmailSettings(ctx.db, actor.workspaceId));
}

export async function saveEmailSettings(ctx: Context, actor: Operator, input: EmailSettingsInput): Promise<EmailSettingsDto> {
  authorize(actor, 'email.manage');
  const now = ctx.now();
  const set: Partial<EmailSettingsRow> = { updated_at: now };
  if (input.smtpHost !== undefined) set.smtp_host = input.smtpHost;
  if (input.smtpPort !== undefined) set.smtp_port = input.smtpPort;
  if (input.smtpSecurity !== undefined) set.smtp_security = input.smtpSecurity;
  if (input.smtpUser !== undefined) set.smtp_user = input.smtpUser || null;
  if (input.smtpPassword !== undefined) set.smtp_password = input.smtpPassword || null;
  if (input.fromAddress !== undefined) set.from_address = input.fromAddress?.toLowerCase() ?? null;
  if (input.fromName !== undefined) set.from_name = input.fromName || null;
  if (input.replyDomain !== undefined) set.reply_domain = input.replyDomain;
  if (input.unseenDelayMinutes !== undefined) set.unseen_delay_minutes = input.unseenDelayMinutes;
  await ctx.db
    .insertInto('email_settings')
    .values({ workspace_id: actor.workspaceId, smtp_security: 'starttls', unseen_delay_minutes: 10, ...set, updated_at: now })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(set))
    .execute();
  return readEmailSettings(ctx, actor);
}
