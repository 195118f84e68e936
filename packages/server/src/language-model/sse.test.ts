import { describe, expect, it } from 'vitest';
import { SseParser } from './sse.js';

function parse(pieces: string[], end = true): string[] {
  const events: string[] = [];
  const p = new SseParser((d) => events.push(d));
  for (const piece of pieces) p.push(piece);
  if (end) p.end();
  return events;
}

describe('SseParser', () => {
  it('reads data events ended by a blank line', () => {
    expect(parse(['data: {"a":1}\n\ndata: [DONE]\n\n'])).toEqual(['{"a":1}', '[DONE]']);
  });

  it('joins an event split anywhere across pieces, CRLF included', () => {
    const whole = 'data: {"a":1}\r\n\r\ndata: second\r\n\r\n';
    for (let i = 1; i < whole.length; i++) {
      expect(parse([whole.slice(0, i), whole.slice(i)]), `split at ${i}`).toEqual(['{"a":1}', 'second']);
    }
  });

  it('joins several data lines, skips comments and other fields, and takes CR alone as a line end', () => {
    expect(parse([': keep-alive\n', 'event: message\nid: 3\n', 'data: one\rdata:two\n\n'])).toEqual(['one\ntwo']);
  });

  it('ends a last event that lacks its blank line only when the stream ends', () => {
    expect(parse(['data: tail'], false)).toEqual([]);
    expect(parse(['data: tail'])).toEqual(['tail']);
    expect(parse(['\n\n\n'])).toEqual([]);
  });
});
