import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CASSETTE, conductCommand, FLUID_SUITE } from './suite-command.js';

// The cassette does not depend on the day it was recorded: the turn time and the dates of the
// sample data (which move with today) are rewritten out of the prompts it is keyed by. Replay
// it as if 400 days later, at another hour. (A file of its own: the example agent keeps the
// returns it started in its module, and each test file gets fresh modules.)

describe("the example agent's cassette, replayed another day", () => {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 400 * 24 * 60 * 60 * 1000 + 7 * 60 * 60 * 1000);
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it('still answers every call', async () => {
    const run = await conductCommand(['test', ...FLUID_SUITE, '--cassette', CASSETTE, '--replay']);
    expect(run.stderr).toMatch(
      /\(replay\): \d+ replayed, 0 recorded, 0 changed, 0 missed, 0 unused/,
    );
    expect(run.stdout).toContain('7 scenarios: 7 passed, 0 failed');
    expect(run.code).toBe(0);
  }, 120_000);
});
