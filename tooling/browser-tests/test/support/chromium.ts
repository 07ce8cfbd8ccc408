import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { describe, it } from 'vitest';

/**
 * The Chromium these tests drive: the system one (Debian's `chromium` package), overridable with
 * `CONDUCT_CHROMIUM`. A browser is never downloaded.
 */
export const chromiumPath = process.env.CONDUCT_CHROMIUM ?? '/usr/bin/chromium';

/** True when a missing browser must fail the suite instead of skipping it (CI sets it). */
export const browserRequired = process.env.CONDUCT_REQUIRE_BROWSER === '1';

/** Whether the browser executable exists on this machine. */
export const chromiumAvailable = existsSync(chromiumPath);

/**
 * Chromium flags: headless without a sandbox (containers), and no traffic beyond the test
 * servers. Pages that load Google Fonts (the widget does) get a refused connection instead of
 * a network call; the rules do this at DNS level because request interception
 * (`page.route`) would also swallow CORS preflights and hide the very bugs under test.
 */
export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--host-resolver-rules=MAP fonts.googleapis.com 127.0.0.1:9, MAP fonts.gstatic.com 127.0.0.1:9',
];

/** Launches the system Chromium headless with {@link chromiumArgs}. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

/**
 * `describe` for suites that need Chromium: runs them when it is installed; otherwise skips them,
 * unless `CONDUCT_REQUIRE_BROWSER=1`, where a single failing test says what is missing.
 */
export function describeWithChromium(name: string, suite: () => void): void {
  if (chromiumAvailable) {
    describe(name, suite);
  } else if (browserRequired) {
    describe(name, () => {
      it('finds Chromium', () => {
        throw new Error(
          `CONDUCT_REQUIRE_BROWSER=1 but there is no Chromium at ${chromiumPath}; install it (apt-get install chromium) or set CONDUCT_CHROMIUM`,
        );
      });
    });
  } else {
    describe.skip(`${name} (no Chromium at ${chromiumPath})`, suite);
  }
}
