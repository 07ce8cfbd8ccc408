import { describe, expect, it } from 'vitest';
import { createFuzzFixtures, fuzzOpenApi } from './fuzz-openapi.js';
import { setup } from './sessions-harness.js';

describe('fuzzing every documented operation (in-memory store)', () => {
  it('answers bad text, empty filters, wrong types and deep JSON with 4xx, never 5xx', async () => {
    const { app } = setup();
    const report = await fuzzOpenApi(app, await createFuzzFixtures(app));
    expect(report.operations).toBeGreaterThan(70);
    expect(report.requests).toBeGreaterThan(1000);
    expect(report.findings).toEqual([]);
  }, 60_000);
});
