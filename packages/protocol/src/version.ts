/** Bumped on any incompatible change to the frames below. Servers refuse other versions. */
export const PROTOCOL_VERSION = 3;

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
  /** Messages replayed per `sync` page; the client asks again while `more` is true. */
  syncPageSize: 200,
  /** Client-sent heartbeat interval; the server drops a connection silent for 3 intervals. */
  heartbeatMs: 25_000,
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
  | 'timeout';
