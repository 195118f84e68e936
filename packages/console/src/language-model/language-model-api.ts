/** The calls of Settings → Language model (owners and admins). The key is write-only: answers say `hasKey` only. */
import { request } from '../api';

export type Use = 'suggest' | 'summary' | 'agent';
export const USES: { use: Use; label: string }[] = [
  { use: 'suggest', label: 'Reply suggestions' },
  { use: 'summary', label: 'Summaries' },
  { use: 'agent', label: 'Virtual agent' },
];

export interface LanguageModelSettings {
  configured: boolean;
  endpointUrl: string;
  model: string;
  hasKey: boolean;
  timeoutMs: number;
  uses: Use[];
  allowPrivateAddresses: boolean;
  updatedAt: number | null;
}

export type LanguageModelInput = {
  endpointUrl: string;
  model: string;
  /** Omitted: the stored key stays; null: it is removed. */
  apiKey?: string | null;
  timeoutMs: number;
  uses: Use[];
  allowPrivateAddresses: boolean;
};

export interface TestResult {
  ok: boolean;
  code: string | null;
  message: string;
  answer: string | null;
  durationMs: number;
}

export const languageModelApi = {
  get: () => request<LanguageModelSettings>('GET', '/assist/language-model'),
  save: (input: LanguageModelInput) => request<LanguageModelSettings>('PUT', '/assist/language-model', input),
  remove: () => request<void>('DELETE', '/assist/language-model'),
  test: () => request<TestResult>('POST', '/assist/language-model/test', {}),
};

/** What the saved settings are, as an input that keeps the stored key. */
export const inputOf = (s: LanguageModelSettings): LanguageModelInput => ({
  endpointUrl: s.endpointUrl,
  model: s.model,
  timeoutMs: s.timeoutMs,
  uses: s.uses,
  allowPrivateAddresses: s.allowPrivateAddresses,
});
