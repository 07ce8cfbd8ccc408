import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { type Flights, joinFlight } from '../../src/grounding/shared-flight.js';
import { isVariableValueFresh } from '../../src/grounding/variable-freshness.js';
import { defineTool } from '../../src/tools/define-tool.js';
import { setup } from '../engine/harness.js';
import { promptText, sayIn, sectionOf } from './helpers.js';

describe('concurrent refreshes', () => {
  it('merges refreshes of the same variable for the same customer: the tool runs once', async () => {
    const t = await setup();
    t.model.on('compose', 'ok');
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const run = vi.fn(async () => {
      await gate;
      return { data: 'gold' };
    });
    const tool = defineTool({
      name: 'tier_lookup',
      description: 'Looks up the tier',
      parameters: z.object({}),
      run,
    });
    await t.agent.variables.create({ name: 'tier', tool });
    const customer = await t.conduct.store.customers.create({ name: 'Ana' });
    const first = await t.agent.createSession({ customerId: customer.id });
    const second = await t.agent.createSession({ customerId: customer.id });
    const both = Promise.all([sayIn(t, first.id, 'hi'), sayIn(t, second.id, 'hello')]);
    await vi.waitFor(() => expect(run).toHaveBeenCalled());
    // Let the second turn reach its own refresh before the first one finishes.
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await both;
    expect(run).toHaveBeenCalledTimes(1);
    for (const call of t.model.callsFor('compose')) {
      expect(sectionOf(promptText(call), 'variables')).toEqual(['- tier: gold']);
    }
    expect(t.model.callsFor('compose')).toHaveLength(2);
  });

  it('still refreshes separately for different customers', async () => {
    const t = await setup();
    t.model.on('compose', 'ok');
    const run = vi.fn(async (context: { customerId: string }) => `tier of ${context.customerId}`);
    const tool = defineTool({
      name: 'tier_lookup',
      description: 'Looks up the tier',
      parameters: z.object({}),
      run: (context) => run(context),
    });
    await t.agent.variables.create({ name: 'tier', tool });
    const ana = await t.conduct.store.customers.create({ name: 'Ana' });
    const ben = await t.conduct.store.customers.create({ name: 'Ben' });
    const a = await t.agent.createSession({ customerId: ana.id });
    const b = await t.agent.createSession({ customerId: ben.id });
    await Promise.all([sayIn(t, a.id, 'hi'), sayIn(t, b.id, 'hi')]);
    expect(run).toHaveBeenCalledTimes(2);
  });
});

describe('joinFlight', () => {
  it('keeps the work running for the callers still waiting when one caller is cancelled', async () => {
    const flights: Flights<string> = new Map();
    let workSignal: AbortSignal | undefined;
    let finish: (value: string) => void = () => {};
    const work = vi.fn((signal: AbortSignal) => {
      workSignal = signal;
      return new Promise<string>((resolve) => {
        finish = resolve;
      });
    });
    const cancelled = new AbortController();
    const first = joinFlight(flights, 'k', cancelled.signal, work);
    const second = joinFlight(flights, 'k', new AbortController().signal, work);
    cancelled.abort(new Error('newer message'));
    await expect(first).rejects.toThrow('newer message');
    await vi.waitFor(() => expect(work).toHaveBeenCalledTimes(1));
    expect(workSignal?.aborted).toBe(false);
    finish('gold');
    await expect(second).resolves.toBe('gold');
    expect(flights.size).toBe(0);
  });

  it('aborts the work once every caller is cancelled', async () => {
    const flights: Flights<string> = new Map();
    let workSignal: AbortSignal | undefined;
    const caller = new AbortController();
    const done = joinFlight(flights, 'k', caller.signal, (signal) => {
      workSignal = signal;
      return new Promise<string>(() => {});
    });
    await vi.waitFor(() => expect(workSignal).toBeDefined());
    caller.abort(new Error('gone'));
    await expect(done).rejects.toThrow('gone');
    expect(workSignal?.aborted).toBe(true);
    expect(flights.size).toBe(0);
  });

  it('never starts work for a caller already cancelled, and leaves no rejection unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const flights: Flights<string> = new Map();
      // Like a tool call: rejects at once when its signal is already aborted.
      const work = vi.fn(async (signal: AbortSignal) => {
        signal.throwIfAborted();
        return 'gold';
      });
      const caller = new AbortController();
      caller.abort(new Error('newer message'));
      await expect(joinFlight(flights, 'k', caller.signal, work)).rejects.toThrow('newer message');
      // Unhandled rejections are reported after the microtask queue drains.
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
      expect(work).not.toHaveBeenCalled();
      expect(flights.size).toBe(0);
      await expect(joinFlight(flights, 'k', new AbortController().signal, work)).resolves.toBe(
        'gold',
      );
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('leaves no rejection unhandled when the work fails after every caller left', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const flights: Flights<string> = new Map();
      let fail: (error: Error) => void = () => {};
      const caller = new AbortController();
      const done = joinFlight(
        flights,
        'k',
        caller.signal,
        () =>
          new Promise<string>((_, reject) => {
            fail = reject;
          }),
      );
      await vi.waitFor(() => expect(flights.size).toBe(1));
      caller.abort(new Error('gone'));
      await expect(done).rejects.toThrow('gone');
      fail(new Error('tool failed late'));
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('freshness at the boundaries', () => {
  const setAt = '2025-03-07T06:00:00.000Z';
  const at = (iso: string) => new Date(iso);

  it('a TTL value is stale exactly when the TTL has passed', () => {
    const rule = { freshnessRules: null, ttlSeconds: 60 };
    expect(isVariableValueFresh(rule, { updatedAt: setAt }, at('2025-03-07T06:00:59.999Z'))).toBe(
      true,
    );
    expect(isVariableValueFresh(rule, { updatedAt: setAt }, at('2025-03-07T06:01:00.000Z'))).toBe(
      false,
    );
  });

  it('a value set on a scheduled minute stays fresh until the next scheduled time', () => {
    const rule = { freshnessRules: '0 6 * * *', ttlSeconds: null };
    expect(isVariableValueFresh(rule, { updatedAt: setAt }, at('2025-03-08T05:59:59.999Z'))).toBe(
      true,
    );
    expect(isVariableValueFresh(rule, { updatedAt: setAt }, at('2025-03-08T06:00:00.000Z'))).toBe(
      false,
    );
    // Set a moment before the scheduled time: stale at it.
    const before = { updatedAt: '2025-03-07T05:59:59.999Z' };
    expect(isVariableValueFresh(rule, before, at('2025-03-07T06:00:00.000Z'))).toBe(false);
  });

  it('a missing value is never fresh; a value of a variable without rules always is', () => {
    const none = { freshnessRules: null, ttlSeconds: null };
    expect(isVariableValueFresh(none, undefined, at(setAt))).toBe(false);
    expect(isVariableValueFresh(none, { updatedAt: setAt }, at('2099-01-01T00:00:00Z'))).toBe(true);
  });
});
