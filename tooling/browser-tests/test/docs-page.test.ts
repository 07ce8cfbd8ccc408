import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The service exactly as `pnpm start` runs it (docs assets served from its installed swagger-ui-dist).
import {
  loadConfig,
  type RunningServer,
  silentLogger,
  startServer,
} from '../../../apps/server/src/index.js';

const CHROMIUM = '/usr/bin/chromium';
const REQUIRE_BROWSER = process.env.CONDUCT_REQUIRE_BROWSER === '1';
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

// Skipped where there is no Chromium, except in CI (CONDUCT_REQUIRE_BROWSER=1), where the
// missing browser is a failure. A browser is never downloaded.
const suite = existsSync(CHROMIUM) || REQUIRE_BROWSER ? describe : describe.skip;

suite('the API docs page in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const requested: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `CONDUCT_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM}; install it (apt-get install chromium)`,
      );
    }
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      CONDUCT_DATA_DIR: 'memory://',
      // Port 9 (discard) refuses at once: no provider, so the service starts without a model.
      OLLAMA_HOST: '127.0.0.1:9',
    });
    server = await startServer(config, { log: silentLogger, ollamaTimeoutMs: 500 });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${server.url}/docs`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('renders every tag and operation from the OpenAPI document, offline', async () => {
    const sessions = page.locator('.opblock-tag[data-tag="sessions"]');
    await sessions.waitFor({ timeout: 20_000 });
    await expect(page.locator('.opblock-tag[data-tag="agents"]').count()).resolves.toBe(1);
    const createEvent = page.locator('#operations-sessions-createEvent');
    await createEvent.waitFor();
    await expect(createEvent.locator('.opblock-summary-path').textContent()).resolves.toContain(
      '/sessions/{session_id}/events',
    );
    await expect(page.locator('.opblock').count()).resolves.toBeGreaterThan(70);
    expect(pageErrors).toEqual([]);
    // Everything (HTML, Swagger UI's files, the document) came from the service itself.
    const origins = new Set(requested.map((url) => new URL(url).origin));
    expect([...origins]).toEqual([server.url]);
  });

  it('runs "Try it out" on a GET against the live service', async () => {
    const operation = page.locator('#operations-agents-listAgents');
    await operation.locator('.opblock-summary').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await operation.getByRole('button', { name: 'Execute' }).click();
    const status = operation
      .locator('.live-responses-table tr.response .response-col_status')
      .first();
    await status.waitFor({ timeout: 10_000 });
    await expect(status.textContent()).resolves.toContain('200');
    const body = operation
      .locator('.live-responses-table tr.response .response-col_description pre')
      .first();
    await expect(body.textContent()).resolves.toContain('voltmart-support');
    expect(pageErrors).toEqual([]);
  });
});
