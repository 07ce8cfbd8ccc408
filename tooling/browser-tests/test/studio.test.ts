import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  loadConfig,
  type RunningServer,
  silentLogger,
  startServer,
} from '../../../apps/server/src/index.js';
import { describeWithChromium, launchChromium } from './support/chromium.js';
import { openStudio, type StudioPage } from './support/studio-page.js';
import { DANA_SERIAL, type StudioServer, startStudioServer } from './support/studio-server.js';

// The studio as a person uses it, against a live server with the example agent and a model
// that answers only from evidence in its prompts: a warranty claim that moves through the
// journey and calls a tool, then the explanation of the reply.

const COMPLAINT = 'My QuietPro 2 headphones stopped working, can you repair them?';
const SERIAL_AND_QUESTION = `It is ${DANA_SERIAL}. How long will the repair take?`;

/** Waits until the agent picker offers the example agent (Ava). */
async function waitForAva(studio: StudioPage): Promise<void> {
  await expect
    .poll(() => studio.page.getByTestId('agent-select').textContent(), { timeout: 15_000 })
    .toContain('Ava');
}

async function startSession(studio: StudioPage, customer = 'Dana Whitfield'): Promise<void> {
  const { page } = studio;
  await waitForAva(studio);
  await page.getByLabel('Customer').selectOption({ label: customer });
  await page.getByRole('button', { name: 'New session' }).click();
  await studio.waitFor(page.getByRole('textbox', { name: 'Message' }));
}

describeWithChromium('the studio against a live server', () => {
  let server: StudioServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startStudioServer(), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('holds a warranty claim and explains the reply: guidelines, journey, tool call, timeline', async () => {
    const studio = await openStudio(browser, `${server.url}/`);
    const { page } = studio;
    await startSession(studio);

    await studio.send(COMPLAINT);
    await studio.waitFor(page.getByText('What is the serial number of the headphones?'));
    await studio.send(SERIAL_AND_QUESTION);
    const reply = page.getByTestId('message').filter({ hasText: 'Good news: your QuietPro 2' });
    await studio.waitFor(reply);
    // The tool event of the turn, in the conversation.
    const toolEvent = page.getByTestId('tool-event');
    await expect(toolEvent.textContent()).resolves.toContain('warranty_lookup');
    await expect(toolEvent.textContent()).resolves.toContain(DANA_SERIAL);
    // The turn ended: no status is left on screen.
    await expect
      .poll(() => page.getByTestId('turn-status').textContent(), { timeout: 10_000 })
      .toBe('');
    await studio.screenshot('studio-chat');

    // With the keyboard: focus the reply's button and press Enter.
    await reply.getByRole('button', { name: 'Why this reply?' }).focus();
    await page.keyboard.press('Enter');
    const inspector = page.getByTestId('inspector');
    await studio.waitFor(inspector.getByTestId('journey-graph'));

    // The guideline that matched, with the task that judged it and the model's reason.
    const matched = inspector.getByTestId('guideline-verdicts').locator('li.matched');
    await expect(matched.count()).resolves.toBe(1);
    const verdict = await matched.textContent();
    expect(verdict).toContain('Warranty claim questions');
    expect(verdict).toContain('how long the repair takes');
    expect(verdict).toContain('the customer asks how long the repair takes');
    await studio.screenshot('studio-why');
    // Those not matched are one click away, each with its verdict.
    await inspector.getByRole('button', { name: /Show the \d+ not matched/ }).click();
    const unmatched = inspector.getByTestId('guideline-verdicts').locator('li.unmatched');
    await expect(unmatched.count()).resolves.toBeGreaterThan(5);
    await expect(unmatched.filter({ hasText: 'Order status' }).textContent()).resolves.toMatch(
      /actionable\s*no/,
    );

    // The journey: moved from asking for the serial to `covered`, highlighted on its graph.
    const journey = inspector.getByTestId('journey-card');
    await expect(journey.textContent()).resolves.toContain('Warranty claim');
    await expect(journey.textContent()).resolves.toContain('the conversation shows');
    await expect(journey.locator('[data-current="true"]').getAttribute('data-state')).resolves.toBe(
      'covered',
    );
    await expect(journey.locator('.edge.moved').count()).resolves.toBeGreaterThanOrEqual(3);

    // The tool call: arguments and result.
    const call = inspector.getByTestId('tool-call');
    await expect(call.textContent()).resolves.toContain('succeeded');
    await expect(call.textContent()).resolves.toContain(`"serial_number": "${DANA_SERIAL}"`);
    await expect(call.textContent()).resolves.toContain('"in_warranty": true');

    // The model calls on one timeline, the critical path marked, each prompt on demand.
    const timeline = inspector.getByTestId('timeline');
    const tasks = await timeline.locator('tbody th button').allTextContents();
    expect(tasks).toEqual(expect.arrayContaining(['journey-step', 'tool-call', 'compose']));
    await expect(timeline.locator('tr.critical').count()).resolves.toBeGreaterThanOrEqual(2);
    await expect(timeline.locator('tr.critical', { hasText: 'compose' }).count()).resolves.toBe(1);
    await timeline.scrollIntoViewIfNeeded();
    await studio.screenshot('studio-timeline');
    await timeline.getByRole('button', { name: 'compose' }).click();
    const prompt = page.getByRole('dialog', { name: /compose/ });
    await studio.waitFor(prompt);
    await expect(prompt.textContent()).resolves.toContain(SERIAL_AND_QUESTION);
    await page.keyboard.press('Escape');
    await prompt.waitFor({ state: 'hidden' });

    // Feedback on the reply: bad, with what should have happened; then listed on its page.
    await inspector.getByText('Feedback', { exact: true }).click();
    await inspector.getByLabel('Bad').check();
    await inspector.getByLabel('Comment').fill('Answer the repair time first');
    await inspector.getByText('Which guidelines should (not) have matched').click();
    await inspector
      .locator('.corrections li', { hasText: 'Order status' })
      .getByRole('combobox')
      .selectOption('should-match');
    await inspector.getByLabel('The reply that should have been sent').fill('Up to 10 days.');
    await inspector.getByRole('button', { name: 'Save feedback' }).click();
    const given = inspector.getByTestId('feedback-item');
    await studio.waitFor(given);
    await expect(given.textContent()).resolves.toContain('Answer the repair time first');
    await expect(given.textContent()).resolves.toContain('Should have matched: Order status');
    await page.getByRole('link', { name: 'Feedback' }).click();
    const listed = page.getByTestId('feedback-item');
    await studio.waitFor(listed);
    await expect(listed.textContent()).resolves.toContain('Up to 10 days.');
    await page.getByRole('link', { name: 'Open the reply and why it was given' }).click();
    await studio.waitFor(page.getByTestId('inspector').getByTestId('journey-graph'));

    expect(studio.pageErrors).toEqual([]);
    expect(studio.consoleErrors).toEqual([]);
    // Everything came from the server itself: no CDN, no other origin.
    expect([...new Set(studio.requested.map((url) => new URL(url).origin))]).toEqual([server.url]);
    await page.context().close();
  });

  it('browses, searches and edits the behavior model', async () => {
    const studio = await openStudio(browser, `${server.url}/#/model/guidelines`);
    const { page } = studio;
    const cards = page.getByTestId('guideline-card');
    await studio.waitFor(cards.first());
    const all = await cards.count();
    await page.getByRole('searchbox', { name: 'Search guidelines' }).fill('return window');
    await expect.poll(() => cards.count()).toBeLessThan(all);
    const late = cards.filter({ hasText: 'Return window passed' });
    await late.getByRole('button', { name: 'Disable' }).click();
    await studio.waitFor(late.getByText('disabled'));
    const stored = (await (
      await fetch(`${server.url}/guidelines/voltmart-return-window-passed`)
    ).json()) as { guideline: { enabled: boolean } };
    expect(stored.guideline.enabled).toBe(false);
    await late.getByRole('button', { name: 'Enable' }).click();
    await late.getByText('disabled').waitFor({ state: 'hidden' });

    await page.getByRole('link', { name: 'Journeys' }).click();
    await page.getByText(/Graph \(7 states\)/).click();
    await studio.waitFor(page.getByTestId('journey-graph'));
    await expect(page.getByTestId('journey-graph').locator('g.node').count()).resolves.toBe(7);
    await page.getByRole('link', { name: 'Relationships' }).click();
    await studio.waitFor(page.getByText('tool start_return'));

    // A glossary term, edited through the API the page calls.
    await page.getByRole('link', { name: 'Glossary' }).click();
    const term = page.getByTestId('entities').locator('li').first();
    await studio.waitFor(term.getByRole('button', { name: 'Edit' }));
    await term.getByRole('button', { name: 'Edit' }).click();
    const meaning = term.getByLabel('Meaning');
    const before = await meaning.inputValue();
    await meaning.fill(`${before} Also said at the till.`);
    await term.getByRole('button', { name: 'Save' }).click();
    await studio.waitFor(page.getByText(`${before} Also said at the till.`));
    const terms = (await (await fetch(`${server.url}/terms`)).json()) as { description: string }[];
    expect(terms.map((t) => t.description)).toContain(`${before} Also said at the till.`);
    expect(studio.pageErrors).toEqual([]);
    await page.context().close();
  });

  it('streams a reply in stream output mode and hands the session to a human', async () => {
    const response = await fetch(`${server.url}/agents/${server.agentId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message_output_mode: 'stream' }),
    });
    expect(response.status).toBe(200);
    const studio = await openStudio(browser, `${server.url}/`, { colorScheme: 'dark' });
    const { page } = studio;
    await startSession(studio);
    await expect(page.locator('.session-picker').textContent()).resolves.toContain('stream output');
    await studio.send(COMPLAINT);
    const reply = page.getByTestId('message').filter({ hasText: 'What is the serial number' });
    await studio.waitFor(reply.getByRole('button', { name: 'Why this reply?' }));

    // A human takes over: the agent stays silent, and the human answers in their own name.
    await page.getByRole('button', { name: 'Take over as a human' }).click();
    await studio.waitFor(page.getByText('A human is handling this session'));
    await studio.send('Hi Dana, this is Sam from support.');
    await studio.waitFor(
      page.getByTestId('message').filter({ hasText: 'this is Sam from support' }),
    );
    const human = page.locator('[data-source="human_agent"]');
    await expect(human.textContent()).resolves.toContain('(human)');
    // Dark theme follows the system.
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(18, 19, 23)');
    await studio.screenshot('studio-dark');
    expect(studio.pageErrors).toEqual([]);
    await page.context().close();
  });
});

describeWithChromium('the studio under CONDUCT_AUTH=api-key, as pnpm start serves it', () => {
  const key = 'studio-test-key-0123456789abcdef0123';
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      CONDUCT_DATA_DIR: 'memory://',
      CONDUCT_AUTH: 'api-key',
      CONDUCT_API_KEYS: key,
      // Port 9 (discard) refuses at once: no provider, so every turn says what to configure.
      OLLAMA_HOST: '127.0.0.1:9',
    });
    [server, browser] = await Promise.all([
      startServer(config, { log: silentLogger, ollamaTimeoutMs: 500 }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('asks for the API key, then works with it; a failed turn shows its message', async () => {
    // The page is served at `/`; the API behind it still refuses a request without the key.
    expect((await fetch(`${server.url}/agents`)).status).toBe(403);
    const studio = await openStudio(browser, `${server.url}/`);
    const { page } = studio;
    const dialog = page.getByRole('dialog', { name: 'API key' });
    await studio.waitFor(dialog);
    await dialog.getByLabel('API key').fill(key);
    await dialog.getByLabel('API key').press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await waitForAva(studio);
    await page.getByRole('button', { name: 'New session' }).click();
    await studio.send('Where is my order VM-10423?');
    const failure = page.locator('.status-line.error');
    await studio.waitFor(failure);
    await expect(failure.textContent()).resolves.toMatch(/The turn failed: .*model/i);
    expect(studio.pageErrors).toEqual([]);
    await page.context().close();
  });
});
