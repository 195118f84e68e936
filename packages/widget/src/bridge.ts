/**
 * The postMessage protocol between the loader (on the customer's page) and the
 * chat app (in the iframe, on the Switchboard origin). Every message carries
 * the `sb` namespace; each side checks the other's origin and window before
 * reading one. No credential ever crosses it: the visitor token lives in the
 * chat app's own storage, so the embedding page can neither read it nor hand
 * the chat one of its choosing.
 */
export const NS = 'sb1';

export interface PageInfo {
  url: string;
  title: string;
  referrer: string;
}

/** Loader -> app. `full`: the chat fills the screen (a phone), so it keeps the keyboard focus inside until closed. */
export type ToApp =
  | { ns: typeof NS; type: 'init'; page: PageInfo; open: boolean; full: boolean }
  | { ns: typeof NS; type: 'open'; full: boolean }
  | { ns: typeof NS; type: 'hide' }
  | { ns: typeof NS; type: 'page'; page: PageInfo }
  /**
   * A command of the page's SDK for the chat (`Switchboard('identify', user, { hash })`, `setAttributes`, `track`,
   * `shutdown`…): passed on as the page gave it (the loader keeps none of it); the app checks it (src/app/sdk.ts).
   */
  | { ns: typeof NS; type: 'command'; name: string; args: unknown[] };

/** App -> loader. `open`: an operator started a chat with the visitor; the loader shows it (keeping the page's focus). */
export type ToLoader =
  | { ns: typeof NS; type: 'ready' }
  | { ns: typeof NS; type: 'open' }
  | { ns: typeof NS; type: 'close' }
  | { ns: typeof NS; type: 'unread'; count: number }
  | { ns: typeof NS; type: 'active'; active: boolean }
  /** An SDK event for the page's handlers (`message`); the loader raises `ready`, `open`, `close` and `unread` itself. */
  | { ns: typeof NS; type: 'event'; name: string; data: unknown }
  /** The chat forgot its visitor (`shutdown`): the loader takes the widget off the page. */
  | { ns: typeof NS; type: 'gone' };

export function isBridgeMessage<T extends { ns: string; type: string }>(data: unknown): data is T {
  return typeof data === 'object' && data !== null && (data as { ns?: unknown }).ns === NS && typeof (data as { type?: unknown }).type === 'string';
}
