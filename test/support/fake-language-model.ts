/**
 * A local stand-in for an OpenAI-compatible chat completions server, started
 * by the tests: it records every request (headers and body) and answers as
 * told — with a citation of the first passage, without any citation, slowly,
 * with an HTTP error or a broken stream — as server-sent events when asked
 * to stream (`stream: true`), or as one JSON completion when `mode` is 'json'.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: { model?: string; stream?: boolean; messages?: { role: string; content: string }[] } & Record<string, unknown>;
}

export type FakeBehaviour =
  /** Cites passage [1]: "<reply> [1]". */
  | { kind: 'cite'; reply?: string }
  /** An answer with no citation at all. */
  | { kind: 'no-citation' }
  /** Waits this long before answering (a stream: after its first piece). */
  | { kind: 'slow'; ms: number }
  | { kind: 'http-error'; status: number }
  /** A stream whose event is not JSON. */
  | { kind: 'bad-stream' }
  /** A plain answer that is not JSON. */
  | { kind: 'bad-json' };

export interface FakeLanguageModel {
  /** The base URL, like http://127.0.0.1:PORT/v1 (chat completions at /v1/chat/completions). */
  url: string;
  requests: RecordedRequest[];
  behaviour: FakeBehaviour;
  /** 'sse': stream when asked to; 'json': always one JSON completion (a server that does not stream). */
  mode: 'sse' | 'json';
  close(): Promise<void>;
}

const completion = (content: string) => ({
  id: 'chatcmpl-fake',
  object: 'chat.completion',
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
});
const chunk = (content: string) => ({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content } }] });

export async function startFakeLanguageModel(): Promise<FakeLanguageModel> {
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const fake: FakeLanguageModel = {
    url: '',
    requests: [],
    behaviour: { kind: 'cite' },
    mode: 'sse',
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => {
      raw += c.toString('utf8');
    });
    req.on('end', () => {
      let body: RecordedRequest['body'] = {};
      try {
        body = JSON.parse(raw);
      } catch {}
      fake.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      if (req.url !== '/v1/chat/completions' || req.method !== 'POST') return void res.writeHead(404).end('{"error":{"message":"not found"}}');
      const b = fake.behaviour;
      if (b.kind === 'bad-json') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"choices": [oops');
      if (b.kind === 'http-error') return void res.writeHead(b.status, { 'content-type': 'application/json' }).end('{"error":{"message":"refused"}}');
      const text =
        b.kind === 'no-citation'
          ? 'Have you tried turning it off and on again?'
          : `${b.kind === 'cite' && b.reply ? b.reply : 'Here is what the article says'} [1].`;
      const delay = b.kind === 'slow' ? b.ms : 0;
      if (!body.stream || fake.mode === 'json') {
        later(delay, () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion(text))));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      if (b.kind === 'bad-stream') return void res.end('data: {not json\n\n');
      // The answer in pieces, the citation split across two of them.
      const pieces = [text.slice(0, 5), text.slice(5, -2), text.slice(-2)];
      res.write(`: keep-alive\n\ndata: ${JSON.stringify(chunk(pieces[0]!))}\n\n`);
      later(delay, () => {
        for (const p of pieces.slice(1)) res.write(`data: ${JSON.stringify(chunk(p))}\r\n\r\n`);
        res.end('data: [DONE]\n\n');
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  fake.close = () =>
    new Promise<void>((r) => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      server.close(() => r());
    });
  return fake;
}
