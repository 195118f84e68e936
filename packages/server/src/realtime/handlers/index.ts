import { page, ping, presence, read, typing } from './activity.js';
import { hello } from './hello.js';
import { send } from './send.js';
import { subscribe, unsubscribe } from './subscribe.js';
import { activity, draft, view } from './team.js';
import type { HandlerMap } from './types.js';
import { visitors } from './visitors.js';

/** One handler per frame type; the gateway looks them up here. */
export const handlers: HandlerMap = { hello, subscribe, unsubscribe, send, typing, read, presence, page, ping, view, draft, activity, visitors };
