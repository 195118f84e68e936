/** Real headless Chromium (Debian's package) driven by playwright-core. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'].filter(Boolean) as string[];

export function chromiumPath(): string {
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('Chromium is not installed: npm test installs it (apt-get install chromium)');
  return found;
}

/**
 * Chromium keeps the last --disable-features it is given, so this list replaces playwright-core's: the same
 * (HTTP stays HTTP, no background noise) less ThirdPartyStoragePartitioning, which stays on as in the browsers
 * visitors use (the chat frame's storage is partitioned per site), plus the private network checks: the test
 * server listens on loopback while the cross-origin shops are pages the test serves as public ones, and in
 * production both are public.
 */
const disabledFeatures = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'LocalNetworkAccessChecks',
  'BlockInsecurePrivateNetworkRequests',
  'PrivateNetworkAccessSendPreflights',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      `--disable-features=${disabledFeatures.join(',')}`,
    ],
  });
}
