/**
 * A workspace's language model settings as the API has them: what an admin
 * sends (the key write-only: omitted keeps it, null removes it) and what the
 * API answers (never the key: `hasKey` only).
 */
import { z } from 'zod';
import type { LanguageModelSettingsTable } from './language-model.table.js';

export const USES = ['suggest', 'summary', 'agent'] as const;
export type Use = (typeof USES)[number];
export const DEFAULT_TIMEOUT_MS = 10_000;

const endpointUrl = z
  .string()
  .trim()
  .max(2000)
  .url('must be a URL, e.g. https://api.openai.com/v1 or http://localhost:11434/v1')
  .refine((v) => /^https?:\/\//i.test(v), 'must start with http:// or https://')
  .refine((v) => {
    const u = new URL(v);
    return !u.username && !u.password;
  }, 'must not hold a user name or password (put the key in API key)')
  .describe('An OpenAI-compatible chat completions endpoint: a base (…/v1, “/chat/completions” is added) or the full address');

export const settingsInput = z.object({
  endpointUrl,
  model: z.string().trim().min(1, 'is required (e.g. gpt-4o-mini, llama3.1)').max(200),
  apiKey: z.string().trim().min(1).max(1000).nullable().optional().describe('Write-only. Omitted: the stored key stays; null: the stored key is removed'),
  timeoutMs: z.number().int().min(1000).max(60_000).default(DEFAULT_TIMEOUT_MS).describe('Milliseconds to wait for a whole answer (1 000 to 60 000)'),
  uses: z
    .array(z.enum(USES))
    .max(3)
    .default([...USES])
    .describe('What it may help with: reply suggestions, summaries, the virtual agent'),
  allowPrivateAddresses: z.boolean().default(false).describe('Allow private, loopback and link-local addresses (a local server); off by default'),
});
export type SettingsInput = z.output<typeof settingsInput>;

export const settingsSchema = z.object({
  configured: z.boolean(),
  endpointUrl: z.string(),
  model: z.string(),
  hasKey: z.boolean().describe('A key is stored (it is never returned)'),
  timeoutMs: z.number(),
  uses: z.array(z.enum(USES)),
  allowPrivateAddresses: z.boolean(),
  updatedAt: z.number().nullable(),
});
export type SettingsDto = z.infer<typeof settingsSchema>;

export const testResultSchema = z.object({
  ok: z.boolean(),
  code: z
    .string()
    .nullable()
    .describe('Why not: not_configured, blocked_address, bad_url, timeout, network, http_error, bad_response, no_citation, key_unreadable'),
  message: z.string(),
  answer: z.string().nullable(),
  durationMs: z.number(),
});
export type TestResult = z.infer<typeof testResultSchema>;

export const usesOf = (row: LanguageModelSettingsTable): Use[] =>
  (JSON.parse(row.uses) as string[]).filter((u): u is Use => (USES as readonly string[]).includes(u));

export function presentSettings(row: LanguageModelSettingsTable | undefined): SettingsDto {
  if (!row) {
    return {
      configured: false,
      endpointUrl: '',
      model: '',
      hasKey: false,
      timeoutMs: DEFAULT_TIMEOUT_MS,
      uses: [...USES],
      allowPrivateAddresses: false,
      updatedAt: null,
    };
  }
  return {
    configured: true,
    endpointUrl: row.endpoint_url,
    model: row.model,
    hasKey: row.api_key_sealed !== null,
    timeoutMs: row.timeout_ms,
    uses: usesOf(row),
    allowPrivateAddresses: row.allow_private === 1,
    updatedAt: row.updated_at,
  };
}
