/**
 * One call to an OpenAI-compatible chat completions endpoint, through the
 * outbound guard: `stream: true`, read as server-sent events as they arrive
 * (`data: {choices:[{delta:{content}}]}` … `data: [DONE]`), or the plain JSON
 * answer of a server that does not stream. Failures come back as a code,
 * never thrown, and never carry the key or the prompt.
 */
import { guardedStream, OutboundError, type GuardOptions, type ResponseHead } from '../net/outbound.js';
import type { ChatMessage } from './grounding.js';
import { SseParser } from './sse.js';

export interface ChatTarget {
  endpointUrl: string;
  model: string;
  apiKey: string | null;
  timeoutMs: number;
  allowPrivate: boolean;
}

export type ChatFailure = OutboundError['code'] | 'http_error' | 'bad_response';
export type ChatResult = { ok: true; text: string } | { ok: false; code: ChatFailure; message: string };

const MAX_BYTES = 1024 * 1024;

/** The endpoint as typed (a base such as http://localhost:11434/v1, or the full …/chat/completions address). */
export function chatCompletionsUrl(endpoint: string): string {
  const u = new URL(endpoint);
  if (!/\/chat\/completions\/?$/.test(u.pathname)) u.pathname = `${u.pathname.replace(/\/+$/, '')}/chat/completions`;
  return u.toString();
}

const contentOf = (choice: unknown, key: 'delta' | 'message'): string | null => {
  const c = (choice as Record<string, { content?: unknown } | undefined> | undefined)?.[key]?.content;
  return typeof c === 'string' ? c : null;
};

export async function chatCompletion(
  target: ChatTarget,
  messages: ChatMessage[],
  o: { signal?: AbortSignal | undefined; guard?: Partial<GuardOptions> } = {},
): Promise<ChatResult> {
  if (o.signal?.aborted) return { ok: false, code: 'timeout', message: 'The caller stopped waiting' };
  let url: string;
  try {
    url = chatCompletionsUrl(target.endpointUrl);
  } catch {
    return { ok: false, code: 'bad_url', message: 'Not a valid URL' };
  }
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'text/event-stream, application/json',
    'user-agent': 'Switchboard-LanguageModel/1',
  };
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  const body = JSON.stringify({ model: target.model, messages, stream: true, temperature: 0.2, max_tokens: 600 });

  let streamed = '';
  let streamError: string | null = null;
  let sawEvent = false;
  const parser = new SseParser((data) => {
    sawEvent = true;
    if (data === '[DONE]' || streamError) return;
    try {
      const event = JSON.parse(data) as { choices?: unknown[]; error?: { message?: unknown } };
      if (event.error) streamError = 'The endpoint reported an error in its stream';
      streamed += contentOf(event.choices?.[0], 'delta') ?? '';
    } catch {
      streamError = 'The stream held an event that is not JSON';
    }
  });
  const isStream = (head: ResponseHead) => String(head.headers['content-type'] ?? '').includes('text/event-stream');
  const onChunk = (text: string, head: ResponseHead) => {
    if (head.status >= 200 && head.status < 300 && isStream(head)) parser.push(text);
  };

  try {
    const res = await guardedStream(
      url,
      { method: 'POST', headers, body, timeoutMs: target.timeoutMs, maxBytes: MAX_BYTES, onChunk, ...(o.signal ? { signal: o.signal } : {}) },
      { allowPrivate: target.allowPrivate, ...o.guard },
    );
    if (res.status < 200 || res.status >= 300) return { ok: false, code: 'http_error', message: `The endpoint answered HTTP ${res.status}` };
    if (isStream(res)) {
      parser.end();
      if (streamError) return { ok: false, code: 'bad_response', message: streamError };
      if (!sawEvent) return { ok: false, code: 'bad_response', message: 'The stream held no events' };
      return { ok: true, text: streamed };
    }
    // Not streamed: a server that ignores `stream` answers one JSON completion.
    let json: { choices?: unknown[] };
    try {
      json = JSON.parse(res.body) as { choices?: unknown[] };
    } catch {
      return { ok: false, code: 'bad_response', message: 'The answer is neither an event stream nor JSON' };
    }
    const text = contentOf(json.choices?.[0], 'message');
    if (text === null) return { ok: false, code: 'bad_response', message: 'The answer holds no choices[0].message.content' };
    return { ok: true, text };
  } catch (err) {
    if (err instanceof OutboundError) return { ok: false, code: err.code, message: err.message };
    if (o.signal?.aborted) return { ok: false, code: 'timeout', message: 'The caller stopped waiting' };
    return { ok: false, code: 'network', message: (err as Error).message };
  }
}
