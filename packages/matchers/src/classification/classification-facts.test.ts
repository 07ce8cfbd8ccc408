import type { GuidelineClassification } from '@conduct/core';
import { describe, expect, it } from 'vitest';
import {
  authorClassification,
  classificationHash,
  needsClassification,
} from './classification-facts.js';

const content = { condition: 'the customer is a business', action: 'speak formally' };
const derived = (contentHash: string): GuidelineClassification => ({
  customerDependent: false,
  continuous: true,
  agentIntention: false,
  contentHash,
  source: 'model',
});

describe('needsClassification', () => {
  it('is true for an unclassified action and false for an observation', () => {
    expect(needsClassification({ ...content, classification: null })).toBe(true);
    expect(needsClassification({ ...content, action: null, classification: null })).toBe(false);
  });

  it('is true only when derived facts are stale', () => {
    const fresh = derived(classificationHash(content));
    expect(needsClassification({ ...content, classification: fresh })).toBe(false);
    expect(needsClassification({ ...content, action: 'be casual', classification: fresh })).toBe(
      true,
    );
  });

  it('is true for a derived classification made before the agent-intention fact existed', () => {
    const { agentIntention: _, ...older } = derived(classificationHash(content));
    expect(needsClassification({ ...content, classification: older })).toBe(true);
  });

  it('is false for an author classification, stale or not', () => {
    const own = authorClassification({ customerDependent: true }, content);
    expect(needsClassification({ ...content, action: 'changed', classification: own })).toBe(false);
  });
});

describe('authorClassification', () => {
  it('defaults missing facts to false and records the content judged', () => {
    expect(authorClassification({ continuous: true }, content)).toEqual({
      customerDependent: false,
      continuous: true,
      agentIntention: false,
      contentHash: classificationHash(content),
      source: 'author',
    });
    expect(authorClassification({}).contentHash).toBe('');
  });

  it('hashes condition and action, so either change invalidates', () => {
    const hash = classificationHash(content);
    expect(classificationHash({ ...content, action: 'speak formally!' })).not.toBe(hash);
    expect(classificationHash({ ...content, condition: 'the customer is a company' })).not.toBe(
      hash,
    );
  });
});
