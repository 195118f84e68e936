/**
 * The optional language model (G6) against a local server that speaks the
 * OpenAI chat completions protocol (test/support/fake-language-model.ts):
 * nothing is sent while none is configured; configured, grounded answers
 * come back with their citations, streamed or not; answers citing nothing,
 * timeouts, errors and blocked addresses give null; the key is stored
 * sealed, never answered, never logged; settings belong to one workspace.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeLanguageModel, startFakeLanguageModel } from '../../../test/support/fake-language-model.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import type { GroundedRequest } from '../src/language-model/language-model.js';
import { createWorkspace } from '../src/workspace/workspace.service.js';

const KEY = 'sk-test-9f8e7d6c5b4a-never-shown';
const QUESTION = 'How do I reset my password, secret-question-marker?';
const PATH = '/api/v1/assist/language-model';

let s: TestServer;
let fake: FakeLanguageModel;
let admin: string;
let workspaceId: string;
const logLines: string[] = [];

const ask = (over: Partial<GroundedRequest> = {}) =>
  s.app.ctx.languageModel.answer({
    workspaceId,
    task: 'agent',
    question: QUESTION,
    passages: [
      { id: 'art_reset', title: 'Reset your password', text: 'Open Settings, then Security, then Reset password.' },
      { id: 'art_billing', title: 'Invoices', text: 'Invoices are emailed on the first of the month.' },
    ],
    locale: 'en',
    ...over,
  });

const configure = (body: Record<string, unknown> = {}) =>
  api<Record<string, unknown>>(s.url, PATH, {
    method: 'PUT',
    token: admin,
    body: { endpointUrl: fake.url, model: 'fake-model', apiKey: KEY, allowPrivateAddresses: true, timeoutMs: 1000, ...body },
  });

beforeAll(async () => {
  fake = await startFakeLanguageModel();
  const stream = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  s = await startTestServer({ deps: { logger: pino({ level: 'trace' }, stream) } });
  admin = await login(s.url);
  workspaceId = (await s.app.ctx.db.selectFrom('workspaces').select('id').orderBy('created_at').limit(1).executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await s?.close();
  await fake?.close();
});
beforeEach(() => {
  fake.behaviour = { kind: 'cite' };
  fake.mode = 'sse';
});

describe('not configured', () => {
  it('sends nothing anywhere and answers null, for every task', async () => {
    for (const task of ['suggest', 'summary', 'agent'] as const) expect(await ask({ task })).toBeNull();
    const got = await api<Record<string, unknown>>(s.url, PATH, { token: admin });
    expect(got.body).toMatchObject({ configured: false, hasKey: false, endpointUrl: '' });
    const test = await api<Record<string, unknown>>(s.url, `${PATH}/test`, { method: 'POST', token: admin, body: {} });
    expect(test.body).toMatchObject({ ok: false, code: 'not_configured' });
    expect(fake.requests).toHaveLength(0);
  });
});

describe('configured', () => {
  beforeAll(async () => {
    const saved = await configure();
    expect(saved.status).toBe(200);
  });

  it('answers grounded in the passages, with their ids as citations, over a stream', async () => {
    const before = fake.requests.length;
    const answer = await ask();
    expect(answer).toEqual({ text: 'Here is what the article says.', citations: ['art_reset'] });
    expect(fake.requests).toHaveLength(before + 1);
    const req = fake.requests.at(-1)!;
    expect(req.path).toBe('/v1/chat/completions');
    expect(req.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(req.body).toMatchObject({ model: 'fake-model', stream: true });
    const user = req.body.messages!.find((m) => m.role === 'user')!.content;
    expect(user).toContain('[1] Reset your password');
    expect(user).toContain('[2] Invoices');
    expect(user).toContain(QUESTION);
    expect(req.body.messages![0]!.content).toMatch(/Cite every passage you use/);
  });

  it('takes a plain JSON answer from a server that does not stream', async () => {
    fake.mode = 'json';
    fake.behaviour = { kind: 'cite', reply: 'Open Settings, then Security' };
    expect(await ask()).toEqual({ text: 'Open Settings, then Security.', citations: ['art_reset'] });
  });

  it('drops an answer that cites nothing retrieved', async () => {
    fake.behaviour = { kind: 'no-citation' };
    const before = fake.requests.length;
    expect(await ask()).toBeNull();
    expect(fake.requests).toHaveLength(before + 1);
    fake.mode = 'json';
    expect(await ask()).toBeNull();
  });

  it('gives null soon after the timeout, on HTTP errors, broken streams and bad JSON, and when the caller stopped waiting', async () => {
    fake.behaviour = { kind: 'slow', ms: 5000 };
    const started = Date.now();
    expect(await ask()).toBeNull();
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(900);
    // Well before the 5 s the server would take (a loaded machine adds its own delay on top of the 1 s limit).
    expect(took).toBeLessThan(4500);
    fake.behaviour = { kind: 'http-error', status: 500 };
    expect(await ask()).toBeNull();
    fake.behaviour = { kind: 'http-error', status: 401 };
    expect(await ask()).toBeNull();
    fake.behaviour = { kind: 'bad-stream' };
    expect(await ask()).toBeNull();
    fake.behaviour = { kind: 'bad-json' };
    expect(await ask()).toBeNull();
    // The feature stopped waiting before the call: nothing is sent.
    const before = fake.requests.length;
    expect(await ask({ signal: AbortSignal.abort() })).toBeNull();
    expect(fake.requests).toHaveLength(before);
  });

  it('the connection test reports ok, or the error code', async () => {
    const ok = await api<Record<string, unknown>>(s.url, `${PATH}/test`, { method: 'POST', token: admin, body: {} });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, code: null });
    fake.behaviour = { kind: 'no-citation' };
    const none = await api<Record<string, unknown>>(s.url, `${PATH}/test`, { method: 'POST', token: admin, body: {} });
    expect(none.body).toMatchObject({ ok: false, code: 'no_citation' });
    fake.behaviour = { kind: 'http-error', status: 401 };
    const refused = await api<Record<string, unknown>>(s.url, `${PATH}/test`, { method: 'POST', token: admin, body: {} });
    expect(refused.body).toMatchObject({ ok: false, code: 'http_error', message: 'The endpoint answered HTTP 401' });
  });

  it('only helps with the uses an admin enabled', async () => {
    await configure({ apiKey: undefined, uses: ['suggest'] });
    const before = fake.requests.length;
    expect(await ask({ task: 'agent' })).toBeNull();
    expect(await ask({ task: 'summary' })).toBeNull();
    expect(fake.requests).toHaveLength(before);
    expect(await ask({ task: 'suggest' })).not.toBeNull();
    await configure({ apiKey: undefined });
  });

  it('is blocked on a loopback address unless private addresses are allowed', async () => {
    await configure({ apiKey: undefined, allowPrivateAddresses: false });
    const before = fake.requests.length;
    expect(await ask()).toBeNull();
    const test = await api<Record<string, unknown>>(s.url, `${PATH}/test`, { method: 'POST', token: admin, body: {} });
    expect(test.body).toMatchObject({ ok: false, code: 'blocked_address' });
    expect(fake.requests).toHaveLength(before);
    await configure({ apiKey: undefined, allowPrivateAddresses: true });
    expect(await ask()).not.toBeNull();
  });

  it('stores the key sealed, answers only hasKey, and keeps the key when it is not sent again', async () => {
    const row = await s.app.ctx.db.selectFrom('language_model_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirstOrThrow();
    expect(row.api_key_sealed).toBeTruthy();
    expect(JSON.stringify(row)).not.toContain(KEY);
    expect(JSON.stringify(row)).not.toContain(Buffer.from(KEY).toString('base64'));
    const got = await api<Record<string, unknown>>(s.url, PATH, { token: admin });
    expect(got.body).toMatchObject({ configured: true, hasKey: true, model: 'fake-model', endpointUrl: fake.url, uses: ['suggest', 'summary', 'agent'] });
    expect(got.body).not.toHaveProperty('apiKey');
    expect(JSON.stringify(got.body)).not.toContain(KEY);
    const saved = await configure();
    expect(JSON.stringify(saved.body)).not.toContain(KEY);
    // Removing the key: calls go out without one.
    expect((await configure({ apiKey: null })).body).toMatchObject({ hasKey: false });
    await ask();
    expect(fake.requests.at(-1)!.headers.authorization).toBeUndefined();
    expect((await configure()).body).toMatchObject({ hasKey: true });
  });

  it('never logs the key or the prompt', async () => {
    await ask();
    fake.behaviour = { kind: 'http-error', status: 401 };
    await ask();
    const all = logLines.join('');
    expect(all).toContain('language model');
    expect(all).not.toContain(KEY);
    expect(all).not.toContain('secret-question-marker');
    expect(all).not.toContain('Reset password.');
  });

  it('belongs to its workspace: another one sends nothing and sees nothing', async () => {
    const b = await createWorkspace(s.app.ctx, {
      name: 'B',
      ownerEmail: 'owner@lm-b.test',
      ownerName: 'Bea',
      ownerPassword: 'password-b',
      inboxName: 'B site',
    });
    const before = fake.requests.length;
    expect(await ask({ workspaceId: b.workspaceId })).toBeNull();
    expect(fake.requests).toHaveLength(before);
    const tokenB = await login(s.url, { email: 'owner@lm-b.test', password: 'password-b' });
    expect((await api<Record<string, unknown>>(s.url, PATH, { token: tokenB })).body).toMatchObject({ configured: false, hasKey: false });
    expect((await api(s.url, PATH, { method: 'DELETE', token: tokenB })).status).toBe(404);
    expect(await ask()).not.toBeNull();
  });

  it('refuses what is not valid, field by field', async () => {
    const bad = await api<{ error: { code: string; details: { path: string; message: string }[] } }>(s.url, PATH, {
      method: 'PUT',
      token: admin,
      body: { endpointUrl: 'ftp://example.com', model: '', timeoutMs: 10, uses: ['poetry'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const paths = bad.body.error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['endpointUrl', 'model', 'timeoutMs', 'uses.0']));
    const creds = await configure({ endpointUrl: 'https://user:pw@example.com/v1' });
    expect(creds.status).toBe(400);
  });

  it('once removed, sends nothing again', async () => {
    expect((await api(s.url, PATH, { method: 'DELETE', token: admin })).status).toBe(204);
    const before = fake.requests.length;
    expect(await ask()).toBeNull();
    expect(fake.requests).toHaveLength(before);
    const rows = await s.app.ctx.db.selectFrom('language_model_settings').selectAll().execute();
    expect(rows).toHaveLength(0);
  });
});
