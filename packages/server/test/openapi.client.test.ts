/**
 * A TypeScript client generated from the API document by openapi-typescript
 * type-checks, with a small program written the way a developer would use it
 * with an API token: the paths, bodies and answers it names exist with their
 * types, and a wrong body is an error (so types that were all `any` would fail).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

let s: TestServer;
let dir: string;
beforeAll(async () => {
  s = await startTestServer();
  dir = mkdtempSync(join(tmpdir(), 'sb-client-'));
});
afterAll(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const usage = `
import type { components, operations, paths } from './switchboard';

type CreateToken = paths['/api/v1/api-tokens']['post'];
type CreateTokenBody = CreateToken['requestBody']['content']['application/json'];
type Created = CreateToken['responses'][201]['content']['application/json'];
type Messages = paths['/api/v1/conversations/{id}/messages'];
type Reply = NonNullable<Messages['post']['requestBody']>['content']['application/json'];
type Problem = components['schemas']['Error'];

async function call<T>(path: string, token: string, init: { method: string; body?: unknown }): Promise<T> {
  const res = await fetch('https://chat.example.com' + path, {
    method: init.method,
    headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!res.ok) throw new Error(((await res.json()) as Problem).error.code);
  return (await res.json()) as T;
}

export async function reply(session: string, conversation: Messages['post']['parameters']['path']): Promise<string> {
  const body: CreateTokenBody = { name: 'CRM sync', scopes: ['conversations:write'] };
  const created = await call<Created>('/api/v1/api-tokens', session, { method: 'POST', body });
  const token: string = created.token;
  const scopes: string[] = created.apiToken.scopes;
  const text: Reply = { body: 'Thanks, it is on its way' };
  await call('/api/v1/conversations/' + conversation.id + '/messages', token, { method: 'POST', body: text });
  const op: operations['listConversations']['responses'][200]['content']['application/json'] = await call('/api/v1/conversations', token, { method: 'GET' });
  return scopes.join(',') + String(op);
}

// @ts-expect-error a token needs a name
export const unnamed: CreateTokenBody = { scopes: ['contacts:read'] };
// @ts-expect-error there is no such path
export type Nowhere = paths['/api/v1/nowhere'];
`;

it('generates a client with openapi-typescript that type-checks', async () => {
  const doc = (await (await fetch(`${s.url}/api/openapi.json`)).json()) as {
    components: { securitySchemes: Record<string, unknown> };
    paths: Record<string, Record<string, { security: unknown[] }>>;
  };
  // The document declares the token, and each operation the scope it needs.
  expect(doc.components.securitySchemes.apiToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  expect(doc.paths['/api/v1/conversations/{id}/messages']?.post?.security).toContainEqual({ apiToken: ['conversations:write'] });
  expect(doc.paths['/api/v1/api-tokens']?.post?.security).not.toContainEqual(expect.objectContaining({ apiToken: expect.anything() }));

  writeFileSync(join(dir, 'switchboard.ts'), astToString(await openapiTS(JSON.stringify(doc))));
  writeFileSync(join(dir, 'usage.ts'), usage);
  const program = ts.createProgram([join(dir, 'usage.ts')], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    skipLibCheck: true,
  });
  const problems = ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) =>
        `${d.file ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    );
  expect(problems).toEqual([]);
}, 20_000);
