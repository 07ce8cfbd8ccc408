import { createConduct } from '@conduct/core';
import { createScriptedModel } from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { defaultMatchers } from '../src/index.js';

describe('defaultMatchers', () => {
  it('bundles strategies, the pre-filter and the analyzer for createConduct', () => {
    const bundle = defaultMatchers();
    expect(bundle.strategies.map((s) => s.name)).toEqual([
      'disambiguation',
      'low-criticality',
      'observation',
      'reapply-customer-dependent',
      'reapply',
      'actionable',
    ]);
    expect(bundle.candidateFilter).toBeDefined();
    expect(bundle.responseAnalyzer).toBeDefined();
    expect(bundle.journeyStepper?.name).toBe('journey-step');
    expect(() => createConduct({ model: createScriptedModel(), ...bundle })).not.toThrow();
  });

  it('leaves out the parts set to false', () => {
    const bundle = defaultMatchers({
      relevanceFilter: false,
      responseAnalyzer: false,
      journeyStepper: false,
    });
    expect(bundle).toEqual({ strategies: expect.any(Array) });
  });
});
