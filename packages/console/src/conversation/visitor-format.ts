import { localTimeIn } from '@switchboard/text';

/** What the visitor panel shows about a visitor: browser, system and local time. */

export interface Browser {
  name: string;
  version: string | null;
  os: string | null;
}

const BROWSERS: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/FxiOS\/(\d+)/, 'Firefox'],
  [/CriOS\/(\d+)/, 'Chrome'],
  [/Chrom(?:e|ium)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)(?:\.\d+)*.*Safari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

/** A simple reading of a user agent, e.g. { name: 'Chrome', version: '126', os: 'macOS' }. */
export function parseUserAgent(ua: string | null | undefined): Browser | null {
  if (!ua) return null;
  const os = SYSTEMS.find(([re]) => re.test(ua))?.[1] ?? null;
  for (const [re, name] of BROWSERS) {
    const m = re.exec(ua);
    if (m) return { name, version: m[1] ?? null, os };
  }
  return { name: 'Unknown browser', version: null, os };
}

export function describeBrowser(ua: string | null | undefined): string {
  const b = parseUserAgent(ua);
  if (!b) return 'Unknown';
  const name = b.version ? `${b.name} ${b.version}` : b.name;
  return b.os ? `${name} on ${b.os}` : name;
}

/** The visitor's clock in their zone, in the operator's style: "14:05 (Europe/Paris)"; null when the zone is missing or unknown. */
export function localTime(now: number, timeZone: string | null | undefined, locale?: string): string | null {
  return localTimeIn(now, timeZone, locale);
}
