/** The email routes the console calls: the workspace's SMTP settings and test mail, your own notices, transcripts by mail. */
import { request } from '../api';

export type SmtpSecurity = 'starttls' | 'tls' | 'none';

export interface EmailSettings {
  smtpHost: string | null;
  smtpPort: number | null;
  smtpSecurity: SmtpSecurity;
  smtpUser: string | null;
  passwordSet: boolean;
  fromAddress: string | null;
  fromName: string | null;
  replyDomain: string | null;
  unseenDelayMinutes: number;
  configured: boolean;
}

export type EmailSettingsInput = Partial<Omit<EmailSettings, 'passwordSet' | 'configured'>> & { smtpPassword?: string | null };

export interface EmailPreferences {
  onMention: boolean;
  onAssignment: boolean;
  onTaskDue: boolean;
}

export const emailApi = {
  settings: () => request<EmailSettings>('GET', '/email/settings'),
  save: (input: EmailSettingsInput) => request<EmailSettings>('PATCH', '/email/settings', input as Record<string, unknown>),
  test: () => request<{ sent: boolean; recipient: string; error: string | null }>('POST', '/email/settings/test', {}),
  preferences: () => request<EmailPreferences>('GET', '/auth/me/email-preferences'),
  savePreferences: (p: Partial<EmailPreferences>) => request<EmailPreferences>('PATCH', '/auth/me/email-preferences', p as Record<string, unknown>),
  emailTranscript: (conversationId: string) =>
    request<{ emailId: string; recipient: string }>('POST', `/conversations/${encodeURIComponent(conversationId)}/transcript/email`, {}),
};
