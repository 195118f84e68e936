/**
 * Server-sent events (text/event-stream), read as they arrive: lines end with
 * CRLF, LF or CR, `data:` lines of one event are joined with newlines, a blank
 * line ends the event, comments (`:`) and other fields are skipped. Only the
 * data matters to an OpenAI-compatible stream.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];

  constructor(private readonly onEvent: (data: string) => void) {}

  push(text: string): void {
    this.buffer += text;
    // A CR at the very end may be the first half of a CRLF: keep it for the next piece.
    const upTo = this.buffer.endsWith('\r') ? this.buffer.length - 1 : this.buffer.length;
    const re = /\r\n|\r|\n/g;
    let start = 0;
    for (let m = re.exec(this.buffer); m && m.index < upTo; m = re.exec(this.buffer)) {
      this.line(this.buffer.slice(start, m.index));
      start = m.index + m[0].length;
    }
    this.buffer = this.buffer.slice(start);
  }

  /** The stream ended: an event not followed by its blank line still counts. */
  end(): void {
    if (this.buffer) this.line(this.buffer.replace(/\r$/, ''));
    this.buffer = '';
    this.line('');
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length > 0) this.onEvent(this.data.join('\n'));
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    if (field !== 'data') return;
    const value = colon === -1 ? '' : line.slice(colon + 1);
    this.data.push(value.startsWith(' ') ? value.slice(1) : value);
  }
}
