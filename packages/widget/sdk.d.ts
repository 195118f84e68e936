/**
 * Types of the Switchboard JavaScript SDK on a website: the global
 * `Switchboard(command, ...)` the embed snippet defines. Copy this file into
 * your project (or fetch it from your Switchboard server at `/widget.d.ts`) and
 * the global is typed:
 *
 *   Switchboard('identify', { id: 'cust-1001', hash, email: 'maya@example.com' });
 *   Switchboard('on', 'message', (m) => console.log(m.body));
 *
 * Commands made before the loader arrives wait in `Switchboard.q` and run in
 * order once it has. See README.md, "JavaScript SDK".
 */

/** Custom attributes and event data: a flat object of at most 50 texts, numbers and booleans. */
export type SwitchboardAttributes = Record<string, string | number | boolean>;

/** Who the website's signed-in user is. Only a valid `hash` makes the visitor that contact (verified). */
export interface SwitchboardUser {
  /** Your id for the user (at most 200 characters). */
  id: string;
  /** Hex HMAC-SHA256 of `id` under the inbox's identity secret, computed on your server. */
  hash: string;
  email?: string;
  name?: string;
  attributes?: SwitchboardAttributes;
}

/**
 * A purchase (`Switchboard('track', 'purchase', …)`), attributed to the chat or
 * trigger that came last before it (see README, "Sales attribution"). The same
 * `orderId` twice counts once.
 */
export interface SwitchboardPurchase {
  /** Your order id, 1 to 100 characters. */
  orderId: string;
  /** The order's total as a decimal amount (49.9), 0 or more. */
  value: number;
  /** ISO 4217, e.g. 'EUR'. */
  currency: string;
  /** At most 100. `price`: each one's price, a decimal amount in `currency`. */
  items?: { productId: string; quantity: number; price?: number }[];
  /** Hex HMAC-SHA256 of `orderId` under the inbox's identity secret, computed on your server (required when the inbox requires signed purchases). */
  hmac?: string;
}

/** A new message from the team (`Switchboard('on', 'message', …)`). */
export interface SwitchboardMessage {
  id: string;
  conversationId: string;
  /** The text as written (Markdown-like, not HTML). */
  body: string;
  author: { name: string | null };
  /** Files attached to it. */
  attachments: number;
  /** Epoch milliseconds. */
  createdAt: number;
}

/** The events and what their handlers get. */
export interface SwitchboardEvents {
  /** The launcher is on the page and the queued commands are applied. */
  ready: undefined;
  open: undefined;
  close: undefined;
  message: SwitchboardMessage;
  /** Messages from the team the visitor has not seen (0 when the chat opens). */
  unread: number;
}

export type SwitchboardEvent = keyof SwitchboardEvents;
export type SwitchboardHandler<E extends SwitchboardEvent> = (data: SwitchboardEvents[E]) => void;

export interface SwitchboardFunction {
  (command: 'open' | 'close' | 'toggle' | 'shutdown'): void;
  /** The hash may also be given apart, as `{ hash }` (the form of earlier versions). */
  (command: 'identify', user: SwitchboardUser | Omit<SwitchboardUser, 'hash'>, options?: { hash: string }): void;
  (command: 'setAttributes', attributes: SwitchboardAttributes): void;
  /** A purchase: counted once per `orderId`, verified with `hmac` when the inbox requires it. */
  (command: 'track', name: 'purchase', purchase: SwitchboardPurchase): void;
  /** `name`: 1 to 100 letters, digits, spaces or `. : / - _` (`purchase` takes a SwitchboardPurchase). */
  <N extends string>(command: 'track', name: N extends 'purchase' ? never : N, data?: SwitchboardAttributes): void;
  <E extends SwitchboardEvent>(command: 'on' | 'off', event: E, handler: SwitchboardHandler<E>): void;
  /** The commands the snippet's stub queued before the loader ran. */
  q?: IArguments[];
}

declare global {
  /** The global the embed snippet defines (also `window.Switchboard`). */
  var Switchboard: SwitchboardFunction;
}
