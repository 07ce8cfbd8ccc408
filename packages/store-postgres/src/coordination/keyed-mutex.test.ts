import { AbortedError, TimeoutError } from '@conduct/core';
import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex.js';

describe('KeyedMutex', () => {
  it('serves one key first come first served, and other keys at once', async () => {
    const mutex = new KeyedMutex();
    const order: string[] = [];
    const first = await mutex.acquire('a', {}, 'test');
    const second = mutex.acquire('a', {}, 'test').then((release) => {
      order.push('second');
      release();
    });
    const other = await mutex.acquire('b', {}, 'test');
    order.push('other');
    other();
    order.push('first released');
    first();
    await second;
    expect(order).toEqual(['other', 'first released', 'second']);
    expect(mutex.size).toBe(0);
  });

  it('lets a waiter give up without blocking those behind it', async () => {
    const mutex = new KeyedMutex();
    const holder = await mutex.acquire('a', {}, 'test');
    const controller = new AbortController();
    const quitter = mutex.acquire('a', { signal: controller.signal }, 'test');
    const impatient = mutex.acquire('a', { timeoutMs: 20 }, 'test');
    const patient = mutex.acquire('a', {}, 'test');
    controller.abort();
    await expect(quitter).rejects.toSatisfy((error) => AbortedError.is(error));
    await expect(impatient).rejects.toSatisfy((error) => TimeoutError.is(error));
    holder();
    (await patient)();
    expect(mutex.size).toBe(0);
  });
});
