/**
 * Device and browser from a user agent, with bowser (MIT, no dependencies,
 * kept up to date for new browsers and devices; ua-parser-js moved to the
 * AGPL in version 2). Parsed once per visit, never on the message path.
 */
import Bowser from 'bowser';

export interface Device {
  /** desktop, mobile, tablet, tv or bot; null when the agent does not say. */
  type: string | null;
  browser: string | null;
  /** The major version, e.g. "126". */
  browserVersion: string | null;
  os: string | null;
}

const UNKNOWN: Device = { type: null, browser: null, browserVersion: null, os: null };

export function parseUserAgent(ua: string | null | undefined): Device {
  if (!ua) return UNKNOWN;
  try {
    const r = Bowser.parse(ua.slice(0, 512));
    const major = r.browser.version?.split('.')[0];
    return {
      type: r.platform.type || null,
      browser: r.browser.name || null,
      browserVersion: major || null,
      os: r.os.name || null,
    };
  } catch {
    return UNKNOWN;
  }
}
