import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AbortedError, ConfigurationError, TimeoutError } from '../errors/errors.js';
import { defineTool } from './define-tool.js';
import { runToolCalls } from './run-tool-calls.js';
import type { ToolContext } from './tool-context.js';
import { toolErrorInsights } from './tool-insights.js';

const scope = { agentId: 'agent1', sessionId: 'session1', customerId: 'guest', traceId: 'trace' };

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

function tool(name: string, run: (context: ToolContext) => unknown, timeoutMs?: number) {
  return defineTool({
    name,
    description: name,
    parameters: z.object({}),
    timeoutMs,
    run: (context) => run(context) as never,
  });
}

describe('runToolCalls', () => {
  it('runs calls in parallel and returns outcomes in input order', async () => {
    const spans: Record<string, { start: number; end: number }> = {};
    const timed = (name: string, ms: number) =>
      tool(name, async () => {
        const start = performance.now();
        await sleep(ms);
        spans[name] = { start, end: performance.now() };
        return name;
      });
    const outcomes = await runToolCalls(
      [
        { tool: timed('first', 50), args: {} },
        { tool: timed('second', 50), args: {} },
      ],
      { context: scope },
    );
    expect(outcomes.map((o) => [o.tool, o.status, o.result?.data])).toEqual([
      ['local:first', 'succeeded', 'first'],
      ['local:second', 'succeeded', 'second'],
    ]);
    // Proves overlap instead of a wall-clock budget (flaky on loaded CI machines).
    const { first, second } = spans;
    expect(second?.start).toBeLessThan(first?.end ?? 0);
    expect(first?.start).toBeLessThan(second?.end ?? 0);
    expect(outcomes[0]?.durationMs).toBeGreaterThanOrEqual(40);
  });

  it('passes the scope, the validated args and a live signal to run', async () => {
    let seen: ToolContext | undefined;
    const echo = defineTool({
      name: 'echo',
      description: 'd',
      parameters: z.object({ text: z.string() }),
      run: (context, args) => {
        seen = context;
        return args.text;
      },
    });
    const [outcome] = await runToolCalls([{ tool: echo, args: { text: 'hi' } }], {
      context: scope,
    });
    expect(outcome).toMatchObject({
      tool: 'local:echo',
      args: { text: 'hi' },
      status: 'succeeded',
    });
    expect(seen).toMatchObject(scope);
    expect(seen?.signal.aborted).toBe(false);
  });

  it('fails a call that times out, aborts its signal and leaves the others alone', async () => {
    let signal: AbortSignal | undefined;
    const hanging = tool('hanging', (context) => {
      signal = context.signal;
      return new Promise(() => {});
    });
    const quick = tool('quick', () => 'done');
    const outcomes = await runToolCalls(
      [
        { tool: hanging, args: {} },
        { tool: quick, args: {} },
      ],
      { context: scope, timeoutMs: 30 },
    );
    expect(outcomes[0]).toMatchObject({
      tool: 'local:hanging',
      status: 'failed',
      error: 'timed out after 30 ms',
    });
    expect(outcomes[0]?.result).toBeUndefined();
    expect(outcomes[1]).toMatchObject({ status: 'succeeded', result: { data: 'done' } });
    expect(signal?.aborted).toBe(true);
    expect(TimeoutError.is(signal?.reason)).toBe(true);
    expect(toolErrorInsights(outcomes)).toEqual([
      {
        tool: 'local:hanging',
        kind: 'tool-error',
        parameter: null,
        message: 'hanging failed: timed out after 30 ms',
      },
    ]);
  });

  it("lets a tool's own timeout win over the default", async () => {
    const patient = tool('patient', () => sleep(40).then(() => 'late but fine'), 1_000);
    const hasty = tool('hasty', (context) => sleep(1_000, context.signal), 20);
    const outcomes = await runToolCalls(
      [
        { tool: patient, args: {} },
        { tool: hasty, args: {} },
      ],
      { context: scope, timeoutMs: 10 },
    );
    expect(outcomes.map((o) => o.status)).toEqual(['succeeded', 'failed']);
    expect(outcomes[1]?.error).toBe('timed out after 20 ms');
  });

  it('turns a throwing tool (sync or async, any thrown value) into a failed outcome', async () => {
    const outcomes = await runToolCalls(
      [
        {
          tool: tool('sync', () => {
            throw new Error('card declined');
          }),
          args: {},
        },
        { tool: tool('async', async () => Promise.reject(new Error('db down'))), args: {} },
        {
          tool: tool('string', () => {
            throw 'plain string';
          }),
          args: {},
        },
        {
          tool: tool('empty', () => {
            throw new Error('');
          }),
          args: {},
        },
        { tool: tool('ok', () => 1), args: {} },
      ],
      { context: scope },
    );
    expect(outcomes.map((o) => [o.status, o.error])).toEqual([
      ['failed', 'card declined'],
      ['failed', 'db down'],
      ['failed', 'plain string'],
      ['failed', 'failed without an error message'],
      ['succeeded', undefined],
    ]);
  });

  it('fails a call whose result is malformed', async () => {
    const [noData, badControl] = await runToolCalls(
      [
        { tool: tool('no_data', () => ({ balance: 3 })), args: {} },
        { tool: tool('bad_control', () => ({ data: 1, control: { mode: 'robot' } })), args: {} },
      ],
      { context: scope },
    );
    expect(noData?.status).toBe('failed');
    expect(noData?.error).toMatch(/needs a "data" key.*balance/);
    expect(badControl?.error).toMatch(/^Invalid tool result: control\.mode:/);
  });

  it('rejects with AbortedError when the turn is cancelled, and aborts every call', async () => {
    const turn = new AbortController();
    const signals: AbortSignal[] = [];
    const waiting = tool('waiting', (context) => {
      signals.push(context.signal);
      return sleep(5_000, context.signal);
    });
    const running = runToolCalls(
      [
        { tool: waiting, args: {} },
        { tool: waiting, args: {} },
      ],
      { context: scope, signal: turn.signal },
    );
    setTimeout(() => turn.abort(new Error('newer message')), 10);
    await expect(running).rejects.toBeInstanceOf(AbortedError);
    expect(signals).toHaveLength(2);
    expect(signals.every((signal) => signal.aborted && AbortedError.is(signal.reason))).toBe(true);
  });

  it('rejects at once when the turn is already cancelled, without running anything', async () => {
    let ran = false;
    const turn = new AbortController();
    turn.abort();
    const call = {
      tool: tool('never', () => {
        ran = true;
      }),
      args: {},
    };
    await expect(runToolCalls([call], { context: scope, signal: turn.signal })).rejects.toThrow(
      'Tool calls was aborted',
    );
    expect(ran).toBe(false);
  });

  it('returns no outcomes for no calls, and rejects an unusable default timeout', async () => {
    await expect(runToolCalls([], { context: scope })).resolves.toEqual([]);
    await expect(runToolCalls([], { context: scope, timeoutMs: -1 })).rejects.toBeInstanceOf(
      ConfigurationError,
    );
  });
});
