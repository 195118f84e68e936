/** Bumped on any incompatible change to the frames below. Servers refuse other versions. */
export const PROTOCOL_VERSION = 7;

/** Limits shared by both ends so clients can check before sending. */
export const LIMITS = {
  /** Largest frame, in bytes, the server accepts. Larger frames are refused with `too_large`. */
  maxFrameBytes: 64 * 1024,
  /** Longest message body, in characters. */
  maxMessageChars: 10_000,
  /** Most attachments on one message. */
  maxAttachmentsPerMessage: 10,
  /** Client message ids: printable, at most this long. */
  maxClientIdChars: 64,
  /**
   * Most messages one history request answers (HTTP `limit`), and the page the
   * server reads from storage while it replays a subscription. Replay sends every
   * page until the client is up to date, then `synced`: clients never ask for pages.
   */
  syncPageSize: 200,
  /**
   * Heartbeat interval. The server pings every interval and closes (4408
   * `timeout`) a connection that has not answered the previous ping; clients
   * send a `ping` frame every interval and reconnect when they have heard
   * nothing for three.
   */
  heartbeatMs: 25_000,
  /** Longest visitor draft (sneak peek) a `draft` frame carries, in characters. */
  maxDraftChars: 2000,
} as const;

/** Why the server refused a connection or a frame. Stable: clients switch on these. */
export type RefusalReason =
  | 'bad_version'
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  | 'too_large'
  | 'bad_frame'
  | 'not_found'
  | 'conflict'
  | 'server_error'
  | 'shutting_down'
  | 'timeout'
  /** The connection fell too far behind reading what the server sends: reconnect and resume. */
  | 'too_slow'
  /** The inbox requires visitors verified by the website (identity hash): this one is not. */
  | 'identity_required';
