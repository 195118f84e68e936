import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatCompletion, chatCompletionsUrl } from './chat-completion.js';

describe('chatCompletionsUrl', () => {
  it('adds /chat/completions to a base, and keeps a full address as typed', () => {
    expect(chatCompletionsUrl('http://localhost:11434/v1')).toBe('http://localhost:11434/v1/chat/completions');
    expect(chatCompletionsUrl('https://api.example.com/v1/')).toBe('https://api.example.com/v1/chat/completions');
    expect(chatCompletionsUrl('https://gw.example.com/openai/chat/completions?api-version=1')).toBe(
      'https://gw.example.com/openai/chat/completions?api-version=1',
    );
  });
});

describe('chatCompletion', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (req.url === '/error/chat/completions') return void res.end('data: {"error":{"message":"overloaded"}}\n\n');
      if (req.url === '/empty/chat/completions') return void res.end(': nothing\n\n');
      res.end('data: {"choices":[{"delta":{"role":"assistant"}}]}\n\ndata: {"choices":[{"delta":{"content":"Hi [1]"}}]}\n\ndata: [DONE]\n\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const target = (path: string) => ({ endpointUrl: `${base}${path}`, model: 'm', apiKey: null, timeoutMs: 2000, allowPrivate: true });
  const messages = [{ role: 'user' as const, content: 'Q' }];

  it('joins the deltas of a stream, skipping those without content', async () => {
    expect(await chatCompletion(target('/ok'), messages)).toEqual({ ok: true, text: 'Hi [1]' });
  });

  it('reports an error event or an empty stream as a bad response', async () => {
    expect(await chatCompletion(target('/error'), messages)).toMatchObject({ ok: false, code: 'bad_response' });
    expect(await chatCompletion(target('/empty'), messages)).toMatchObject({ ok: false, code: 'bad_response' });
  });

  it('reports a bad address without calling', async () => {
    expect(await chatCompletion({ ...target(''), endpointUrl: 'not a url' }, messages)).toMatchObject({ ok: false, code: 'bad_url' });
    expect(await chatCompletion({ ...target('/ok'), allowPrivate: false }, messages)).toMatchObject({ ok: false, code: 'blocked_address' });
  });
});
