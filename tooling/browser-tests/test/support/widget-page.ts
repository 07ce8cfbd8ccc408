import { errorMessage } from '@conduct/core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

/** Longest wait for something to show up; a scripted turn takes well under a second. */
const WAIT_TIMEOUT_MS = 10_000;

/** Props of the widget, passed to the page's query string (see `fixtures/widget-entry.tsx`). */
export interface WidgetProps {
  server: string;
  agentId?: string;
  sessionId?: string;
  customerId?: string;
  agentOpeningMessage?: string;
}

/** A browser page showing the widget, with what went wrong on it. */
export interface WidgetPage {
  page: Page;
  /** Uncaught exceptions of the page. */
  pageErrors: string[];
  /** Console errors, except the refused Google Fonts stylesheet (see `chromiumArgs`). */
  consoleErrors: string[];
  /** The message box. */
  textbox: Locator;
  /** The rendered messages, as the widget marks them up (`role="listitem"`). */
  messages: Locator;
  /** Elements showing exactly `name` (the header, and agent bubbles). */
  agentName(name: string): Locator;
  /**
   * Waits until `locator` is in the given state; a timeout error lists the page's console and
   * page errors, which usually say why (a CORS refusal, a response the client rejected).
   */
  waitFor(locator: Locator, state?: 'visible' | 'hidden'): Promise<void>;
  /** Types `text` and sends it with Enter, as a person would. */
  send(text: string): Promise<void>;
  /** The session id the widget reported through `onSessionCreated`, if any. */
  createdSessionId(): Promise<string | undefined>;
  close(): Promise<void>;
}

/** Opens the widget page of `origin` with `props` in a fresh browser context. */
export async function openWidget(
  browser: Browser,
  origin: string,
  props: WidgetProps,
): Promise<WidgetPage> {
  const context: BrowserContext = await browser.newContext();
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (/^https?:\/\/fonts\.(googleapis|gstatic)\.com\//.test(message.location().url)) return;
    consoleErrors.push(message.text());
  });
  const query = new URLSearchParams(
    Object.entries(props).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  await page.goto(`${origin}/index.html?${query}`);
  const textbox = page.getByRole('textbox', { name: 'Type your message' });
  return {
    page,
    pageErrors,
    consoleErrors,
    textbox,
    messages: page.getByRole('listitem'),
    agentName: (name) => page.getByText(name, { exact: true }),
    async waitFor(locator, state = 'visible') {
      try {
        await locator.waitFor({ state, timeout: WAIT_TIMEOUT_MS });
      } catch (error) {
        const problems = JSON.stringify({ consoleErrors, pageErrors }, null, 2);
        throw new Error(`${errorMessage(error)}\nWhat the page reported: ${problems}`);
      }
    },
    async send(text) {
      await textbox.fill(text);
      await textbox.press('Enter');
    },
    createdSessionId: () => page.evaluate(() => window.__sid),
    close: () => context.close(),
  };
}
