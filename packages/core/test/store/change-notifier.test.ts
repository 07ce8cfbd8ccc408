import { describe, expect, it } from 'vitest';
import { ChangeNotifier, waitForChange } from '../../src/store/change-notifier.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('waitForChange', () => {
  it('skips the check for a known change that cannot satisfy it, not for an unknown one', async () => {
    const notifier = new ChangeNotifier();
    let checks = 0;
    let ready = false;
    const waiting = waitForChange(
      notifier,
      'k',
      () => {
        checks += 1;
        return ready ? 'done' : undefined;
      },
      { timeoutMs: 2000 },
      'Waiting',
      (change) => change === 'relevant',
    );
    await tick();
    expect(checks).toBe(1);
    notifier.notify('k', 'irrelevant');
    await tick();
    expect(checks).toBe(1);
    notifier.notify('k');
    await tick();
    expect(checks).toBe(2);
    ready = true;
    notifier.notify('k', 'relevant');
    expect(await waiting).toBe('done');
    expect(checks).toBe(3);
    expect(notifier.listenerCount).toBe(0);
  });
});
