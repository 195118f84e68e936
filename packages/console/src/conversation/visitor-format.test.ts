import { describe, expect, it } from 'vitest';
import { describeBrowser, localTime, parseUserAgent } from './visitor-format';

const UA = {
  chromeMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  edgeWin: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.2535.67',
  firefoxLinux: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
  safariIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36',
  operaWin: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 OPR/110.0.0.0',
  chromeIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
};

describe('user agents', () => {
  it.each([
    [UA.chromeMac, 'Chrome 126 on macOS'],
    [UA.edgeWin, 'Edge 125 on Windows'],
    [UA.firefoxLinux, 'Firefox 127 on Linux'],
    [UA.safariIphone, 'Safari 17 on iOS'],
    [UA.chromeAndroid, 'Chrome 126 on Android'],
    [UA.operaWin, 'Opera 110 on Windows'],
    [UA.chromeIos, 'Chrome 126 on iOS'],
    ['curl/8.5.0', 'Unknown browser'],
  ])('%s reads as %s', (ua, text) => {
    expect(describeBrowser(ua)).toBe(text);
  });

  it('says Unknown without a user agent', () => {
    expect(parseUserAgent(null)).toBeNull();
    expect(describeBrowser('')).toBe('Unknown');
  });
});

describe('local time', () => {
  const t = Date.UTC(2025, 0, 15, 13, 5); // 13:05 UTC, winter

  it('shows the visitor clock with its zone', () => {
    expect(localTime(t, 'Europe/Paris', 'en-GB')).toBe('14:05 (Europe/Paris)');
    expect(localTime(t, 'America/New_York', 'en-GB')).toBe('08:05 (America/New_York)');
    expect(localTime(t, 'Asia/Kolkata', 'en-US')).toBe('6:35 PM (Asia/Kolkata)');
  });

  it('follows daylight saving time', () => {
    expect(localTime(Date.UTC(2025, 6, 15, 13, 5), 'Europe/Paris', 'en-GB')).toBe('15:05 (Europe/Paris)');
  });

  it('is null for a missing or unknown zone', () => {
    expect(localTime(t, null)).toBeNull();
    expect(localTime(t, 'Mars/Olympus_Mons')).toBeNull();
  });
});
