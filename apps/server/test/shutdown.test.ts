import { describe, expect, it, vi } from 'vitest';
import { exitOnSignals, silentLogger } from '../src/index.js';

describe('exitOnSignals', () => {
  it('closes once on the first signal and forces exit on a later second one', async () => {
    let finishClose: () => void = () => {};
    const close = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          finishClose = resolve;
        }),
    );
    const exit = vi.fn();
    let clock = 0;
    const dispose = exitOnSignals(close, silentLogger, { exit, now: () => clock });
    try {
      process.emit('SIGTERM', 'SIGTERM');
      expect(close).toHaveBeenCalledTimes(1);
      clock = 200;
      // The same Ctrl+C relayed by pnpm/tsx: not a second request.
      process.emit('SIGINT', 'SIGINT');
      expect(exit).not.toHaveBeenCalled();
      clock = 1500;
      process.emit('SIGINT', 'SIGINT');
      expect(exit).toHaveBeenCalledWith(1);
      expect(close).toHaveBeenCalledTimes(1);
      finishClose();
      await vi.waitFor(() => expect(exit).toHaveBeenLastCalledWith(0));
    } finally {
      dispose();
    }
  });
});
