import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigurationError, TimeoutError } from '@conduct/core';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig, selectProvider } from '../src/index.js';
import { parseHedging, parseTaskTimeouts } from '../src/task-timeouts.js';

const cwd = '/srv/app';

describe('CONDUCT_TASK_TIMEOUTS and CONDUCT_HEDGING', () => {
  it('parses per-task deadlines with units, and none', () => {
    expect(parseTaskTimeouts('actionable=8s, compose=30s,tool-call=1500ms,preamble=none')).toEqual({
      actionable: 8_000,
      compose: 30_000,
      'tool-call': 1_500,
      preamble: Number.POSITIVE_INFINITY,
    });
    expect(loadConfig({ CONDUCT_TASK_TIMEOUTS: 'canned-select=1m' }, { cwd }).taskTimeouts).toEqual(
      { 'canned-select': 60_000 },
    );
    expect(loadConfig({}, { cwd })).not.toHaveProperty('taskTimeouts');
  });

  it.each([
    ['actionable', "'actionable' is not of the form task=duration"],
    ['actionable=8', "'actionable=8': the duration must be positive"],
    ['actionable=0s', "'actionable=0s': the duration must be positive"],
    ['composer=8s', "unknown task 'composer'; tasks are"],
    ['compose=1s,compose=2s', "task 'compose' is given twice"],
  ])('rejects CONDUCT_TASK_TIMEOUTS=%s', (value, reason) => {
    expect(() => loadConfig({ CONDUCT_TASK_TIMEOUTS: value }, { cwd })).toThrow(
      `Invalid CONDUCT_TASK_TIMEOUTS: ${reason}`,
    );
  });

  it('parses hedging: auto, off or a fixed delay', () => {
    expect(parseHedging('auto')).toEqual({});
    expect(parseHedging('OFF')).toBe(false);
    expect(parseHedging('800ms')).toEqual({ delayMs: 800 });
    expect(loadConfig({ CONDUCT_HEDGING: '2s' }, { cwd }).hedging).toEqual({ delayMs: 2_000 });
    expect(() => parseHedging('sometimes')).toThrow(ConfigurationError);
    expect(() => loadConfig({ CONDUCT_HEDGING: 'fast' }, { cwd })).toThrow(
      "Invalid CONDUCT_HEDGING: 'fast' is not auto, off or a delay",
    );
  });

  it('refuses a fixed hedge delay of 0 or one not below the smallest task deadline', () => {
    expect(() => loadConfig({ CONDUCT_HEDGING: '0ms' }, { cwd })).toThrow(
      "Invalid CONDUCT_HEDGING: '0ms': the delay must be positive",
    );
    // The built-in deadlines go down to 10 s.
    expect(() => loadConfig({ CONDUCT_HEDGING: '10s' }, { cwd })).toThrow(
      /Invalid CONDUCT_HEDGING: '10s' is not below the smallest task deadline \(.*: 10000 ms\)/,
    );
    expect(() =>
      loadConfig({ CONDUCT_HEDGING: '2s', CONDUCT_TASK_TIMEOUTS: 'actionable=2s' }, { cwd }),
    ).toThrow('smallest task deadline (actionable: 2000 ms)');
    expect(
      loadConfig({ CONDUCT_HEDGING: '1500ms', CONDUCT_TASK_TIMEOUTS: 'actionable=2s' }, { cwd })
        .hedging,
    ).toEqual({ delayMs: 1_500 });
  });
});

describe('a stalling provider behind the server', () => {
  const servers: Server[] = [];
  afterAll(() => {
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
  });

  it('abandons a stalled call at the CONDUCT_TASK_TIMEOUTS deadline', async () => {
    // An OpenAI-compatible endpoint that accepts requests and never answers.
    const stalling = createServer(() => {});
    servers.push(stalling);
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const { port } = stalling.address() as AddressInfo;
    const config = loadConfig({
      OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`,
      CONDUCT_TASK_TIMEOUTS: 'actionable=200ms',
      CONDUCT_HEDGING: 'off',
    });
    const { model } = await selectProvider(config);
    const started = performance.now();
    const error = await model
      .generateObject({
        task: 'actionable',
        messages: [{ role: 'user', content: 'Hello?' }],
        schema: z.object({ ok: z.boolean() }),
        timeoutMs: 60_000, // the engine's default, which the task deadline replaces
      })
      .catch((caught: unknown) => caught);
    expect(TimeoutError.is(error)).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
  }, 15_000);
});
