import { createServer } from 'node:net';
import { parseScenarios } from '@conduct/scenarios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conduct } from './cli-harness.js';
import { shopModel } from './shop-model.js';
import { type ShopServer, startShopServer } from './shop-server.js';

describe('conduct chat', () => {
  it('answers each line in process and says why: guidelines, tools', async () => {
    const result = await conduct(
      ['chat', 'shop', '--agent-module', 'test/fixtures/shop-agent.ts'],
      {
        model: shopModel(),
        stdin: ['Hello there\n', 'Where is my order 4411?\n', '/quit\n', 'never read\n'],
      },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^Chatting with shop \(in-process, session \w+\)/);
    expect(result.stdout.split('\n')).toEqual([
      'shop> Hello! How can I help you today?',
      '  · guidelines: Greeting',
      'shop> Order 4411 is shipped.',
      '  · guidelines: Order status',
      '  · tools: order_status({"orderId":"4411"})',
      '',
    ]);
  });

  it('names an unknown agent (exit 2)', async () => {
    const result = await conduct(
      ['chat', 'nobody', '--agent-module', 'test/fixtures/shop-agent.ts'],
      {
        model: shopModel(),
        stdin: ['Hello\n'],
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Agent not found (id='nobody')");
  });
});

describe('against a server by URL', () => {
  let server: ShopServer;
  beforeAll(async () => {
    server = await startShopServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('chats through the REST API, then exports the conversation as a scenario that passes', async () => {
    const chat = await conduct(['chat', 'shop', '--url', server.url, '--customer', 'cus-dana'], {
      stdin: ['Where is my order 4411?\n'],
    });
    expect(chat.code).toBe(0);
    expect(chat.stdout).toContain('shop> Order 4411 is shipped.\n  · guidelines: Order status\n');
    const sessionId = /session (\w+)\)/.exec(chat.stderr)?.[1] ?? '';

    const exported = await conduct([
      'scenario',
      'from-session',
      sessionId,
      '--url',
      server.url,
      '--name',
      'Dana asks about 4411',
    ]);
    expect(exported.code).toBe(0);
    // The export is a valid scenario file.
    const [read] = parseScenarios(exported.stdout, { file: 'exported.yaml' });
    const { source: _source, ...scenario } = read ?? { source: undefined };
    expect(scenario).toEqual({
      name: 'Dana asks about 4411',
      agent: 'shop',
      customer: 'cus-dana',
      turns: [
        {
          customer: 'Where is my order 4411?',
          expect: {
            guidelines: { matched: ['Order status'] },
            tools: { called: [{ tool: 'order_status', arguments: { orderId: '4411' } }] },
            reply: { contains: ['4411', 'shipped'] },
          },
        },
      ],
    });
  });

  it('runs the same scenario files by URL as in process', async () => {
    const result = await conduct(['test', 'test/fixtures/shop-scenarios', '--url', server.url]);
    expect(result.stdout).toContain(`Scenarios on ${server.url}`);
    expect(result.stdout).toContain('3 scenarios: 3 passed, 0 failed');
    expect(result.code).toBe(0);
  });

  it('says what is wrong: an unknown session or agent (2), a server that is not there (3)', async () => {
    const missing = await conduct(['scenario', 'from-session', 'nope', '--url', server.url]);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toContain(`The server at ${server.url} has no session 'nope'`);

    const agent = await conduct(['test', 'test/fixtures/unknown-agent.yaml', '--url', server.url]);
    expect(agent.code).toBe(2);
    expect(agent.stderr).toContain(`Unknown agent 'nobody' on ${server.url}`);

    const port = await closedPort();
    const away = await conduct(['chat', 'shop', '--url', `http://127.0.0.1:${port}`], {
      stdin: ['Hi\n'],
    });
    expect(away.code).toBe(3);
    expect(away.stderr).toContain(
      `Cannot reach a Conduct server at http://127.0.0.1:${port}: ECONNREFUSED`,
    );
    const test = await conduct([
      'test',
      'test/fixtures/failing.yaml',
      '--url',
      `http://127.0.0.1:${port}`,
    ]);
    expect(test.code).toBe(3);
  });
});

/** A port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}
