/**
 * Starts a real Switchboard in this process on port 0, on a fresh SQLite file
 * (or the PostgreSQL / Redis given), with a first workspace, for tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, ensureFirstWorkspace, loadConfig, type App, type AppDeps } from '../../packages/server/src/index.js';

export interface TestServer {
  url: string;
  wsUrl: string;
  app: App;
  admin: { email: string; password: string };
  websiteKey: string;
  dataDir: string;
  close(): Promise<void>;
}

export const ADMIN = { email: 'admin@example.com', password: 'correct horse battery' };

export async function startTestServer(opts: { env?: Record<string, string>; deps?: Partial<AppDeps>; keepDataDir?: string } = {}): Promise<TestServer> {
  const dataDir = opts.keepDataDir ?? mkdtempSync(join(tmpdir(), 'sb-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.SWITCHBOARD_TEST_LOG ?? 'silent',
    SWITCHBOARD_ADMIN_EMAIL: ADMIN.email,
    SWITCHBOARD_ADMIN_PASSWORD: ADMIN.password,
    LOGIN_RATE_LIMIT: '1000',
    ...opts.env,
  });
  const app = await createApp({ config, ...opts.deps });
  await ensureFirstWorkspace(app.ctx);
  const inbox = await app.ctx.db.selectFrom('inboxes').select('website_key').orderBy('created_at').limit(1).executeTakeFirstOrThrow();
  const url = await app.listen(0, '127.0.0.1');
  return {
    url,
    wsUrl: `${url.replace('http', 'ws')}/ws`,
    app,
    admin: ADMIN,
    websiteKey: inbox.website_key,
    dataDir,
    async close() {
      await app.close();
      if (!opts.keepDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in over HTTP; returns the session token. */
export async function login(url: string, creds = ADMIN): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(creds),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** JSON request helper that returns status and parsed body. */
export async function api<T = unknown>(
  url: string,
  path: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}
