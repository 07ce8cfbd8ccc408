import { publicAuthPolicy } from '@conduct/http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium, launchChromium } from './support/chromium.js';
import { replyTo, startWidgetApi, type WidgetApi } from './support/widget-api.js';
import { buildWidgetBundle, type WidgetBundle } from './support/widget-bundle.js';
import { expectAnsweredCors, fromPage, signature } from './support/widget-calls.js';
import { openWidget, type WidgetPage, type WidgetProps } from './support/widget-page.js';
import { startWidgetPageServer, type WidgetPageServer } from './support/widget-page-server.js';

// The published widget, unchanged, bundled like an app would ship it, on its own origin, driving
// a live Conduct server through real CORS. Stream output mode is not covered: the widget polls
// with `min_offset` past a message it has seen, so it never sees the in-place updates of a
// streamed message and keeps showing its first chunk (Parlant behaves the same way).

/** Sends `text` and waits until the scripted reply to it is rendered and the turn has ended. */
async function turn(widget: WidgetPage, text: string): Promise<void> {
  await widget.send(text);
  await widget.waitFor(widget.page.getByText(replyTo(text), { exact: true }));
  // The typing indicator goes away only once the turn's `ready` status reached the widget.
  await widget.waitFor(widget.page.getByText('Typing...'), 'hidden');
}

const isSessionCreation = (call: string) => /^POST \/sessions(\?|$)/.test(call);

/** The bubble of an agent message as the widget renders it: initial, name, text. */
const agentBubble = (name: string, text: string) => `${name[0]}\n${name}\n${text}`;

describeWithChromium('parlant-chat-react against a live Conduct server', () => {
  let bundle: WidgetBundle;
  let site: WidgetPageServer;
  let api: WidgetApi;
  let browser: Browser;

  beforeAll(async () => {
    bundle = await buildWidgetBundle();
    [site, api, browser] = await Promise.all([
      startWidgetPageServer(bundle.file),
      startWidgetApi(),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    // The browser first: its open long-polls end with it.
    await browser?.close();
    await Promise.all([site?.close(), api?.close()]);
    await bundle?.dispose();
  });

  const open = (props: Omit<WidgetProps, 'server'>) =>
    openWidget(browser, site.origin, { server: api.url, ...props });

  async function createAgent(name: string): Promise<string> {
    return (await api.post<{ id: string }>('/agents', { name })).id;
  }

  it('starts a session, holds a two-turn conversation and renders every reply', async () => {
    const agentId = await createAgent('Widgety');
    const mark = api.calls.length;
    const widget = await open({ agentId });
    // The header shows the agent's name once the widget's plain fetch of the agent succeeded.
    await widget.waitFor(widget.agentName('Widgety'));

    await turn(widget, 'hello');
    const sessionId = await widget.createdSessionId();
    expect(sessionId).toMatch(/^[0-9A-Za-z_-]+$/);
    expect(await widget.messages.allInnerTexts()).toEqual([
      'hello',
      agentBubble('Widgety', replyTo('hello')),
    ]);

    await turn(widget, 'and what about returns?');
    expect(await widget.messages.allInnerTexts()).toEqual([
      'hello',
      agentBubble('Widgety', replyTo('hello')),
      'and what about returns?',
      agentBubble('Widgety', replyTo('and what about returns?')),
    ]);

    const calls = fromPage(api.calls.slice(mark), site.origin);
    const made = calls.filter((call) => call.method !== 'OPTIONS').map(signature);
    expect(made.slice(0, 3)).toEqual([
      `GET /agents/${agentId}`,
      'POST /sessions?allow_greeting=false',
      `POST /sessions/${sessionId}/events`,
    ]);
    expect(made.filter(isSessionCreation)).toHaveLength(1);
    expect(made.filter((call) => call === `POST /sessions/${sessionId}/events`)).toHaveLength(2);
    expect(made).toContain(`GET /sessions/${sessionId}`);
    const polls = calls.filter(
      (call) => call.method === 'GET' && call.url.startsWith(`/sessions/${sessionId}/events?`),
    );
    const offsets = polls.map((poll) => {
      const query = new URL(poll.url, api.url).searchParams;
      expect(query.get('wait_for_data')).toBe('60');
      return Number(query.get('min_offset'));
    });
    expect(offsets[0]).toBe(0);
    expect(offsets.length).toBeGreaterThanOrEqual(3);
    for (const [index, offset] of offsets.entries()) {
      if (index > 0) expect(offset).toBeGreaterThan(offsets[index - 1] ?? Number.NaN);
    }
    expectAnsweredCors(calls, ['POST /sessions', `POST /sessions/${sessionId}/events`]);
    expect(widget.pageErrors).toEqual([]);
    expect(widget.consoleErrors).toEqual([]);
  });

  it('shows the history of an existing session given as `sessionId`, and continues it', async () => {
    const agentId = await createAgent('Historian');
    const session = await api.post<{ id: string }>('/sessions', { agent_id: agentId });
    await api.post(`/sessions/${session.id}/events`, {
      kind: 'message',
      source: 'customer',
      message: 'where is my parcel?',
    });
    await api.waitForReply(session.id, replyTo('where is my parcel?'));
    const mark = api.calls.length;

    const widget = await open({ sessionId: session.id });
    await widget.waitFor(widget.page.getByText(replyTo('where is my parcel?'), { exact: true }));
    expect(await widget.messages.allInnerTexts()).toEqual([
      'where is my parcel?',
      agentBubble('Historian', replyTo('where is my parcel?')),
    ]);

    await turn(widget, 'thanks!');
    expect(await widget.messages.allInnerTexts()).toEqual([
      'where is my parcel?',
      agentBubble('Historian', replyTo('where is my parcel?')),
      'thanks!',
      agentBubble('Historian', replyTo('thanks!')),
    ]);
    const made = fromPage(api.calls.slice(mark), site.origin).map(signature);
    // The agent is found through the session, and no new session is created.
    expect(made).toContain(`GET /agents/${agentId}`);
    expect(made.filter(isSessionCreation)).toEqual([]);
    expect(await widget.createdSessionId()).toBeUndefined();
    expect(widget.pageErrors).toEqual([]);
    expect(widget.consoleErrors).toEqual([]);
  });

  it('posts `agentOpeningMessage` on behalf of the agent before the first customer message', async () => {
    const agentId = await createAgent('Greeter');
    const opening = 'Welcome! I can help with orders and returns.';
    const widget = await open({ agentId, agentOpeningMessage: opening });
    // Shown locally before any session exists.
    await widget.waitFor(widget.page.getByText(opening));
    await widget.waitFor(widget.agentName('Greeter').first());

    await turn(widget, 'hello there');
    expect(await widget.messages.allInnerTexts()).toEqual([
      agentBubble('Greeter', opening),
      'hello there',
      agentBubble('Greeter', replyTo('hello there')),
    ]);
    const sessionId = await widget.createdSessionId();
    const stored = await api.get<{ source: string; offset: number; data: { message?: string } }[]>(
      `/sessions/${sessionId}/events?kinds=message&wait_for_data=0`,
    );
    expect(stored.map((event) => [event.source, event.data.message])).toEqual([
      ['human_agent_on_behalf_of_ai_agent', opening],
      ['customer', 'hello there'],
      ['ai_agent', replyTo('hello there')],
    ]);
    expect(widget.pageErrors).toEqual([]);
    expect(widget.consoleErrors).toEqual([]);
  });

  it('creates the session for the customer given as `customerId`', async () => {
    const agentId = await createAgent('Concierge');
    const customer = await api.post<{ id: string }>('/customers', { name: 'Alice' });
    const widget = await open({ agentId, customerId: customer.id });
    await widget.waitFor(widget.agentName('Concierge'));

    await turn(widget, 'hi, it is Alice');
    const session = await api.get<{ customer_id: string; agent_id: string }>(
      `/sessions/${await widget.createdSessionId()}`,
    );
    expect(session).toMatchObject({ customer_id: customer.id, agent_id: agentId });
    expect(await widget.messages.allInnerTexts()).toEqual([
      'hi, it is Alice',
      agentBubble('Concierge', replyTo('hi, it is Alice')),
    ]);
    expect(widget.pageErrors).toEqual([]);
    expect(widget.consoleErrors).toEqual([]);
  });

  it('serves an anonymous guest under the `public` auth preset', async () => {
    const apiKey = 'widget-test-key';
    const guarded = await startWidgetApi({ auth: publicAuthPolicy({ keys: [apiKey] }), apiKey });
    try {
      const agentId = (await guarded.post<{ id: string }>('/agents', { name: 'Gatekeeper' })).id;
      const widget = await openWidget(browser, site.origin, { server: guarded.url, agentId });
      await widget.waitFor(widget.agentName('Gatekeeper'));
      await turn(widget, 'is anyone there?');
      expect(await widget.messages.allInnerTexts()).toEqual([
        'is anyone there?',
        agentBubble('Gatekeeper', replyTo('is anyone there?')),
      ]);
      const calls = fromPage(guarded.calls, site.origin);
      expect(calls.filter((call) => (call.status ?? 0) >= 400)).toEqual([]);
      expect(widget.pageErrors).toEqual([]);
      expect(widget.consoleErrors).toEqual([]);
      await widget.close();
    } finally {
      await guarded.close();
    }
  });
});
