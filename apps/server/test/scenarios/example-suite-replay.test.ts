import { createTextStream, type LanguageModel } from '@conduct/core';
import { describe, expect, it } from 'vitest';
import { CASSETTE, conductCommand, FLUID_SUITE } from './suite-command.js';

// CI runs the example agent's suite the way a project would: `conduct test` on its scenario
// files, every model call answered from the committed cassette. The only model there is throws
// on any call, so a call the cassette cannot answer fails its scenario. When prompts change on
// purpose, record the cassette again: `pnpm --filter @conduct/server scenarios:record`.

const calls: string[] = [];

/** A model that fails every call (and notes its task): nothing but the cassette may answer. */
const throwingModel: LanguageModel = {
  provider: 'none',
  modelId: 'throws',
  generateObject: async (request) => {
    calls.push(request.task);
    throw new Error(`no model may answer '${request.task}'`);
  },
  streamText: (request) => {
    calls.push(request.task);
    return createTextStream(() =>
      Promise.reject(new Error(`no model may answer '${request.task}'`)),
    );
  },
};

describe("the example agent's suite, replayed from its cassette", () => {
  it('passes with no model at all, every call answered from the cassette', async () => {
    const run = await conductCommand(
      ['test', ...FLUID_SUITE, '--cassette', CASSETTE, '--replay'],
      throwingModel,
    );
    expect(run.stdout).toContain('7 scenarios: 7 passed, 0 failed · 11/11 runs passed');
    expect(run.stderr).toMatch(
      /cassette \S+ \(replay\): \d+ replayed, 0 recorded, 0 changed, 0 missed, 0 unused/,
    );
    expect(run.code).toBe(0);
    expect(calls).toEqual([]);
  }, 120_000);
});
