/**
 * Keeps the newest message in view, unless the visitor has scrolled up to
 * read: then new messages leave the scroll where it is and a "New messages"
 * button offers to go down. Content that grows later (an image loading) keeps
 * the bottom in view when it was.
 *
 * Only the visitor moving the view up stops the following, never content
 * growing under a still view: scroll events and image loads reach us in
 * either order, so "at the bottom" is not re-measured after growth.
 */
const NEAR_PX = 48;

export class Follow {
  private atBottom = true;
  private lastTop = 0;

  constructor(
    private readonly log: HTMLElement,
    private readonly button: HTMLButtonElement,
  ) {
    log.addEventListener('scroll', () => this.sync());
    button.addEventListener('click', () => {
      this.toBottom();
      log.focus();
    });
  }

  private sync(): void {
    // Hidden (the chat is closed), the log measures nothing: keep what we knew.
    if (this.log.clientHeight === 0) return;
    const top = this.log.scrollTop;
    if (top < this.lastTop - 2) this.atBottom = false;
    if (this.log.scrollHeight - top - this.log.clientHeight < NEAR_PX) this.atBottom = true;
    this.lastTop = top;
    if (this.atBottom) this.button.hidden = true;
  }

  /** Adds a message at the end (`insert`); the visitor's own always brings the view down. */
  add(own: boolean, insert: () => void): void {
    this.sync();
    insert();
    if (own || this.atBottom) this.toBottom();
    else this.button.hidden = false;
  }

  /** Something in the log grew (an image loaded). */
  grew(): void {
    if (this.atBottom) this.toBottom();
  }

  /** The chat was shown again: the browser reset the scroll while it was hidden. */
  shown(): void {
    this.lastTop = this.log.scrollTop;
    if (this.atBottom) this.toBottom();
  }

  /** Earlier messages are about to go in above: returns the function that keeps what the visitor reads in place. */
  keepPlace(): () => void {
    const before = this.log.scrollHeight;
    return () => {
      this.log.scrollTop += this.log.scrollHeight - before;
      this.lastTop = this.log.scrollTop;
    };
  }

  toBottom(): void {
    this.log.scrollTop = this.log.scrollHeight;
    this.lastTop = this.log.scrollTop;
    this.atBottom = true;
    this.button.hidden = true;
  }
}
