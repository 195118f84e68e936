import { request } from '../api';

/** An API token of the workspace as the list shows it: never the token itself, only its first characters. */
export interface ApiToken {
  id: string;
  name: string;
  scopes: string[];
  prefix: string;
  createdAt: number;
  createdById: string;
  lastUsedAt: number | null;
}

export const apiTokensApi = {
  list: () => request<{ items: ApiToken[]; resources: string[] }>('GET', '/api-tokens'),
  /** The answer is the only time the token is seen. */
  create: (input: { name: string; scopes: string[] }) => request<{ token: string; apiToken: ApiToken }>('POST', '/api-tokens', input),
  revoke: (id: string) => request<void>('DELETE', `/api-tokens/${id}`),
};
