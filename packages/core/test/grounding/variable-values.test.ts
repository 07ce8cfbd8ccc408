import { describe, expect, it } from 'vitest';
import type { Agent } from '../../src/domain/agent.js';
import type { Customer } from '../../src/domain/customer.js';
import type { VariableValue } from '../../src/domain/variable.js';
import { isVariableValueFresh } from '../../src/grounding/variable-freshness.js';
import { applicableValue, variableKeysFor } from '../../src/grounding/variable-keys.js';

const customer = { id: 'c1', tags: ['vip', 'eu'] } as Customer;
const agent = { id: 'a1' } as Agent;
const value = (key: string): VariableValue => ({
  id: `v-${key}`,
  variableId: 'var',
  key,
  data: key,
  updatedAt: '2026-03-10T10:00:00.000Z',
});

describe('variable keys', () => {
  it('orders keys customer > customer tags > agent > global', () => {
    expect(variableKeysFor(customer, agent)).toEqual([
      'c1',
      'tag:vip',
      'tag:eu',
      'tag:agent:a1',
      'DEFAULT',
    ]);
  });

  it('picks the most specific value that exists', () => {
    const keys = variableKeysFor(customer, agent);
    const all = ['DEFAULT', 'tag:agent:a1', 'tag:eu', 'tag:vip', 'c1'].map(value);
    expect(applicableValue(all, keys)?.key).toBe('c1');
    expect(applicableValue(all.slice(0, 4), keys)?.key).toBe('tag:vip');
    expect(applicableValue(all.slice(0, 3), keys)?.key).toBe('tag:eu');
    expect(applicableValue(all.slice(0, 1), keys)?.key).toBe('DEFAULT');
    expect(applicableValue([value('other')], keys)).toBeUndefined();
  });
});

describe('isVariableValueFresh', () => {
  const at = (iso: string) => new Date(iso);
  const set = { updatedAt: '2026-03-10T10:00:00.000Z' };

  it('treats a missing value as stale and a rule-less value as fresh', () => {
    const none = { freshnessRules: null, ttlSeconds: null };
    expect(isVariableValueFresh(none, undefined, at('2026-03-10T10:00:00Z'))).toBe(false);
    expect(isVariableValueFresh(none, set, at('2030-01-01T00:00:00Z'))).toBe(true);
  });

  it('goes stale after the TTL', () => {
    const ttl = { freshnessRules: null, ttlSeconds: 60 };
    expect(isVariableValueFresh(ttl, set, at('2026-03-10T10:00:59Z'))).toBe(true);
    expect(isVariableValueFresh(ttl, set, at('2026-03-10T10:01:00Z'))).toBe(false);
  });

  it('goes stale once a cron time passed since it was set', () => {
    const daily = { freshnessRules: '0 6 * * *', ttlSeconds: null };
    expect(isVariableValueFresh(daily, set, at('2026-03-11T05:59:00Z'))).toBe(true);
    expect(isVariableValueFresh(daily, set, at('2026-03-11T06:00:00Z'))).toBe(false);
  });

  it('is stale when either rule says so, and ignores an unparsable rule', () => {
    const both = { freshnessRules: '0 0 1 1 *', ttlSeconds: 60 };
    expect(isVariableValueFresh(both, set, at('2026-03-10T10:05:00Z'))).toBe(false);
    const broken = { freshnessRules: 'whenever', ttlSeconds: null };
    expect(isVariableValueFresh(broken, set, at('2030-01-01T00:00:00Z'))).toBe(true);
  });
});
