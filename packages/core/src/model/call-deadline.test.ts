import { describe, expect, it } from 'vitest';
import { AbortedError, TimeoutError } from '../errors/errors.js';
import { abortableDelay, createCallDeadline } from './call-deadline.js';

describe('createCallDeadline', () => {
  it('aborts with AbortedError when the caller aborts, keeping the reason as cause', () => {
    const controller = new AbortController();
    const deadline = createCallDeadline({ signal: controller.signal }, 'Call x');
    expect(() => deadline.throwIfDone()).not.toThrow();
    controller.abort('user left');
    expect(deadline.signal.aborted).toBe(true);
    expect(() => deadline.throwIfDone()).toThrow(new AbortedError('Call x'));
    expect((deadline.signal.reason as Error).cause).toBe('user left');
    deadline.dispose();
  });

  it('is aborted from the start when the caller signal already is', () => {
    const deadline = createCallDeadline({ signal: AbortSignal.abort(), timeoutMs: 5 }, 'Call');
    expect(AbortedError.is(deadline.signal.reason)).toBe(true);
  });

  it('aborts with TimeoutError once timeoutMs passes', async () => {
    const deadline = createCallDeadline({ timeoutMs: 10 }, 'Call y');
    const error = await deadline.race(new Promise(() => {})).catch((e: unknown) => e);
    expect(error).toEqual(new TimeoutError('Call y', 10));
    expect((error as TimeoutError).timeoutMs).toBe(10);
  });

  it('maps network errors to its own error only once it fired', () => {
    const controller = new AbortController();
    const deadline = createCallDeadline({ signal: controller.signal }, 'Call');
    const sdkError = new Error('fetch failed');
    expect(deadline.mapError(sdkError)).toBe(sdkError);
    controller.abort();
    expect(AbortedError.is(deadline.mapError(new DOMException('aborted', 'AbortError')))).toBe(
      true,
    );
  });

  it('passes results and errors through race while not aborted', async () => {
    const deadline = createCallDeadline({ timeoutMs: 1_000 }, 'Call');
    expect(await deadline.race(Promise.resolve(42))).toBe(42);
    const failure = new Error('nope');
    await expect(deadline.race(Promise.reject(failure))).rejects.toBe(failure);
    deadline.dispose();
  });

  it('stops its timer and stops listening on dispose', async () => {
    const controller = new AbortController();
    const deadline = createCallDeadline({ signal: controller.signal, timeoutMs: 5 }, 'Call');
    deadline.dispose();
    controller.abort();
    await abortableDelay(15);
    expect(deadline.signal.aborted).toBe(false);
  });
});

describe('abortableDelay', () => {
  it('resolves after the delay', async () => {
    await expect(abortableDelay(1)).resolves.toBeUndefined();
  });

  it('rejects with the signal reason, at once or when aborted mid-wait', async () => {
    const reason = new Error('stop');
    await expect(abortableDelay(1_000, AbortSignal.abort(reason))).rejects.toBe(reason);
    const controller = new AbortController();
    const waiting = abortableDelay(Number.POSITIVE_INFINITY, controller.signal);
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
  });
});
