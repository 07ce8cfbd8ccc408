import { describe, expect, it } from 'vitest';
import { ZERO_USAGE } from './language-model.js';
import { createTextStream } from './text-stream.js';

async function collect(stream: AsyncIterable<string>) {
  const deltas: string[] = [];
  try {
    for await (const delta of stream) deltas.push(delta);
    return { deltas };
  } catch (error) {
    return { deltas, error };
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('createTextStream', () => {
  it('yields emitted deltas (dropping empty ones) and settles result with their concatenation', async () => {
    const stream = createTextStream(async (controller) => {
      controller.emit('Hel');
      await tick();
      controller.emit('');
      controller.emit('lo');
      expect(controller.text).toBe('Hello');
      return { usage: ZERO_USAGE, model: 'm' };
    });
    expect(await collect(stream)).toEqual({ deltas: ['Hel', 'lo'] });
    expect(await stream.result).toEqual({ text: 'Hello', usage: ZERO_USAGE, model: 'm' });
  });

  it('settles result without iteration and replays every delta to late iterators', async () => {
    const stream = createTextStream(async (controller) => {
      controller.emit('a');
      await tick();
      controller.emit('b');
      return { usage: ZERO_USAGE, model: 'm', text: 'final' };
    });
    expect((await stream.result).text).toBe('final');
    expect(await collect(stream)).toEqual({ deltas: ['a', 'b'] });
    expect(await collect(stream)).toEqual({ deltas: ['a', 'b'] });
  });

  it('throws the producer error after the buffered deltas, and rejects result', async () => {
    const failure = new Error('boom');
    const stream = createTextStream(async (controller) => {
      controller.emit('x');
      await tick();
      throw failure;
    });
    expect(await collect(stream)).toEqual({ deltas: ['x'], error: failure });
    await expect(stream.result).rejects.toBe(failure);
  });

  it('ignores deltas emitted after the producer finished', async () => {
    let late: (() => void) | undefined;
    const stream = createTextStream(async (controller) => {
      late = () => controller.emit('late');
      controller.emit('on time');
      return { usage: ZERO_USAGE, model: 'm' };
    });
    await stream.result;
    late?.();
    expect(await collect(stream)).toEqual({ deltas: ['on time'] });
  });
});
