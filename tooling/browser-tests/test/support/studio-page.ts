import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';

/** Longest wait for something to show up; a scripted turn takes well under a second. */
export const WAIT_TIMEOUT_MS = 15_000;

/** Where screenshots for the README go (`docs/images`), written when asked to. */
const SCREENSHOT_DIR = fileURLToPath(new URL('../../../../docs/images/', import.meta.url));

/** Whether this run refreshes the checked-in screenshots (`CONDUCT_UPDATE_SCREENSHOTS=1`). */
export const updateScreenshots = process.env.CONDUCT_UPDATE_SCREENSHOTS === '1';

/** The studio open in a browser page, with what went wrong on it and every URL it asked for. */
export interface StudioPage {
  page: Page;
  pageErrors: string[];
  consoleErrors: string[];
  requested: string[];
  /** Types a message in the composer and sends it with Enter. */
  send(text: string): Promise<void>;
  /** Waits until `locator` is visible; a timeout lists the page's errors. */
  waitFor(locator: Locator): Promise<void>;
  /** Saves a screenshot as `docs/images/<name>.png` when screenshots are being refreshed. */
  screenshot(name: string): Promise<void>;
}

/** Opens the studio at `url` in a fresh context (1440×1000, light or dark). */
export async function openStudio(
  browser: Browser,
  url: string,
  options: { colorScheme?: 'light' | 'dark' } = {},
): Promise<StudioPage> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  const requested: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('request', (request) => requested.push(request.url()));
  await page.goto(url);
  const waitFor = async (locator: Locator) => {
    try {
      await locator.waitFor({ timeout: WAIT_TIMEOUT_MS });
    } catch (error) {
      throw new Error(
        `${(error as Error).message}\npage errors: ${JSON.stringify(pageErrors)}\nconsole errors: ${JSON.stringify(consoleErrors)}`,
      );
    }
  };
  return {
    page,
    pageErrors,
    consoleErrors,
    requested,
    waitFor,
    send: async (text) => {
      const box = page.getByRole('textbox', { name: 'Message' });
      await box.fill(text);
      await box.press('Enter');
    },
    screenshot: async (name) => {
      if (!updateScreenshots) return;
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png` });
    },
  };
}
