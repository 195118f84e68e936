/**
 * The page's SDK commands that need the chat (`Switchboard('identify' |
 * 'setAttributes' | 'track' | 'shutdown', …)`), as the loader hands them over
 * (it keeps the queue and the launcher's own commands: open, close, toggle,
 * on, off). One handler per command in a typed map; each call is checked here,
 * since the page may pass anything, and they run one after another in the
 * order the page called them, so `identify` is done before the `track` that
 * follows it. A call that is refused or fails is said in the page's console
 * and does not stop the ones after it.
 */
import type { MessageDto } from '@switchboard/protocol';
import { checkAttributes } from './identity.js';

/** What the commands do, given by main.ts (and by the tests). */
export interface SdkHost {
  identify(user: unknown, options: unknown): Promise<void>;
  /** Custom attributes for the visitor's contact (checked: a flat object of text, numbers and booleans). */
  setAttributes(attributes: Record<string, string | number | boolean>): Promise<void>;
  track(event: TrackedEvent): Promise<void>;
  shutdown(): Promise<void>;
  /** The trigger script (src/triggers/) showed a trigger's message, or the visitor chose Reply on it. */
  trigger(event: TriggerEvent): Promise<void>;
}

export type TriggerEvent = { action: 'shown'; id: string; variant: 'a' | 'b'; visitId?: string } | { action: 'reply'; id: string };

export interface TrackedEvent {
  name: string;
  /** Flat for every event but `purchase` (its own shape, checked by the server). */
  data?: Record<string, unknown>;
}

/** The shape the server takes too (widget/track: POST /api/v1/widget/events). */
export const EVENT_NAME = /^[\w .:/-]{1,100}$/;

type Command = (host: SdkHost, args: unknown[]) => Promise<void> | string;

const commands: Record<string, Command> = {
  identify: (host, [user, options]) => host.identify(user, options),
  setAttributes: (host, [attributes]) => {
    const problem = checkAttributes(attributes);
    return problem ?? host.setAttributes(attributes as Record<string, string | number | boolean>);
  },
  track: (host, [name, data]) => {
    if (typeof name !== 'string' || !EVENT_NAME.test(name)) return 'the event name must be 1 to 100 letters, digits, spaces or . : / - _';
    if (data === undefined || data === null) return host.track({ name });
    if (name === 'purchase')
      return typeof data === 'object' && !Array.isArray(data) ? host.track({ name, data: data as Record<string, unknown> }) : 'a purchase is an object';
    const problem = checkAttributes(data);
    return problem ?? host.track({ name, data: data as TrackedEvent['data'] & object });
  },
  shutdown: (host) => host.shutdown(),
  trigger: (host, [event]) => {
    const e = event as Partial<{ action: string; id: unknown; variant: unknown; visitId: unknown }> | null;
    if (!e || typeof e.id !== 'string' || !/^[\w-]{1,40}$/.test(e.id)) return 'not a trigger';
    if (e.action === 'reply') return host.trigger({ action: 'reply', id: e.id });
    if (e.action !== 'shown' || (e.variant !== 'a' && e.variant !== 'b')) return 'not a trigger';
    const visitId = typeof e.visitId === 'string' && e.visitId.length <= 64 ? e.visitId : undefined;
    return host.trigger({ action: 'shown', id: e.id, variant: e.variant, ...(visitId ? { visitId } : {}) });
  },
};

export class SdkCommands {
  private last: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: SdkHost,
    private readonly warn: (text: string) => void = (text) => console.warn(`Switchboard: ${text}`),
  ) {}

  /** Runs `name` after every command given before it; the promise is settled when it is done (or refused). */
  run(name: string, args: unknown[]): Promise<void> {
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    this.last = this.last.then(async () => {
      if (!command) return this.warn(`unknown command ${JSON.stringify(name)}`);
      try {
        const outcome = await command(this.host, args);
        if (typeof outcome === 'string') this.warn(`${name} ignored: ${outcome}`);
      } catch (err) {
        this.warn(`${name} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
    return this.last;
  }
}

/** What `Switchboard('on', 'message', fn)` gets: a new message from the team (never one the visitor wrote). */
export function messageEvent(m: MessageDto) {
  return {
    id: m.id,
    conversationId: m.conversationId,
    body: m.body,
    author: { name: m.author.name },
    attachments: m.attachments.length,
    createdAt: m.createdAt,
  };
}
