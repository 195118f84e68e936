/**
 * What a person is told about the realtime connection, shared by the widget
 * and the console: nothing while it works; "Reconnecting…" once it has been
 * down for more than a second (shorter blips say nothing); "Connected" when it
 * is back, which then fades. Before the first connection: "Connecting…".
 */
import type { ConnectionState } from '@switchboard/protocol/client';

export const RECONNECTING = 'Reconnecting…';
export const CONNECTED = 'Connected';

/** The three notices in the reader's language (the console's English by default). */
export interface NoticeWords {
  connecting: string;
  reconnecting: string;
  connected: string;
}

export class ConnectionNotice {
  private down: ReturnType<typeof setTimeout> | undefined;
  private fade: ReturnType<typeof setTimeout> | undefined;
  private everOpen = false;
  private shown = false;

  /** `show` gets the text to put in a `status` element ('' for none). */
  constructor(
    private readonly show: (text: string) => void,
    private readonly delayMs = 1000,
    private readonly fadeMs = 4000,
    private readonly words: NoticeWords = { connecting: 'Connecting…', reconnecting: RECONNECTING, connected: CONNECTED },
  ) {}

  update(state: ConnectionState): void {
    if (state === 'open') {
      clearTimeout(this.down);
      this.down = undefined;
      this.everOpen = true;
      if (this.shown) {
        this.shown = false;
        this.show(this.words.connected);
        clearTimeout(this.fade);
        this.fade = setTimeout(() => this.show(''), this.fadeMs);
      }
      return;
    }
    if (state === 'refused') {
      this.stop();
      return;
    }
    // Closed or connecting again: one timer for the whole outage, however many attempts it takes.
    if (this.down || this.shown) return;
    this.down = setTimeout(() => {
      this.down = undefined;
      this.shown = true;
      clearTimeout(this.fade);
      this.show(this.everOpen ? this.words.reconnecting : this.words.connecting);
    }, this.delayMs);
  }

  /** No more notices (the connection was refused for good, or the app stops): the caller says what happened. */
  stop(): void {
    clearTimeout(this.down);
    clearTimeout(this.fade);
    this.down = undefined;
    this.shown = false;
  }
}
