/**
 * Sneak peek, the visitor's side: when the inbox has it on, what the visitor
 * types goes to the operators before it is sent, at most once every half
 * second (the last state always goes), and an empty draft once it is sent or
 * cleared. The server redacts it and never stores it.
 */
export const MAX_DRAFT_CHARS = 2000;

export class DraftSender {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastAt = Number.NEGATIVE_INFINITY;
  private sent = '';
  private pending: string | null = null;

  constructor(
    private readonly send: (text: string) => boolean,
    private readonly everyMs = 500,
    private readonly now = () => Date.now(),
  ) {}

  changed(text: string): void {
    const next = text.trim() ? text.slice(0, MAX_DRAFT_CHARS) : '';
    if (!next) {
      this.clear();
      return;
    }
    this.pending = next;
    if (this.timer) return;
    const wait = this.lastAt + this.everyMs - this.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Sent or emptied: the operators' view of the draft goes. */
  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = null;
    if (this.sent && this.send('')) this.sent = '';
  }

  private flush(): void {
    this.timer = undefined;
    const text = this.pending;
    this.pending = null;
    if (text === null || text === this.sent) return;
    if (this.send(text)) {
      this.sent = text;
      this.lastAt = this.now();
    }
  }
}
