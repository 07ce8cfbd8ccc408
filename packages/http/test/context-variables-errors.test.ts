import { isValidCron } from '@conduct/core/internal';
import { describe, expect, it } from 'vitest';
import { setup } from './behavior-harness.js';

describe('/context-variables bad input', () => {
  it('rejects invalid cron rules, unknown tools and tags, and bad types, storing nothing', async () => {
    const { call, store } = setup();
    for (const rule of [
      'every day',
      '* * * *',
      '61 * * * *',
      '* * 0 * *',
      '*/0 * * * *',
      '5-1 * * * *',
    ]) {
      const response = await call('POST', '/context-variables', {
        name: 'x',
        freshness_rules: rule,
      });
      expect(response.status, rule).toBe(422);
      expect(response.body.detail[0].loc).toEqual(['body', 'freshness_rules']);
    }
    const ghost = { service_name: 'orders', tool_name: 'ghost' };
    expect((await call('POST', '/context-variables', { name: 'x', tool_id: ghost })).status).toBe(
      404,
    );
    expect((await call('POST', '/context-variables', { name: 'x', tags: ['nope'] })).status).toBe(
      404,
    );
    expect((await call('POST', '/context-variables', { name: 5 })).status).toBe(422);
    expect((await call('POST', '/context-variables', { name: 'x', tool_id: 'a:b' })).status).toBe(
      422,
    );
    expect(await store.variables.list()).toEqual([]);

    const v = (await call('POST', '/context-variables', { id: 'v1', name: 'x' })).body;
    expect((await call('POST', '/context-variables', { id: 'v1', name: 'y' })).status).toBe(409);
    expect(
      (await call('PATCH', `/context-variables/${v.id}`, { freshness_rules: 'bad' })).status,
    ).toBe(422);
    expect((await call('PATCH', `/context-variables/${v.id}`, { tool_id: ghost })).status).toBe(
      404,
    );
    expect(await store.variables.get('v1')).toMatchObject({ freshnessRules: null, tool: null });
    expect((await call('PATCH', '/context-variables/nope', { name: 'x' })).status).toBe(404);
    expect((await call('DELETE', '/context-variables/nope')).status).toBe(404);
  });

  it('validates 5-field cron syntax', () => {
    for (const rule of [
      '* * * * *',
      '0 8,20 * * *',
      '*/15 0-6 1,15 jan-mar mon-fri',
      '0 0 * * 7',
      '@daily',
    ]) {
      expect(isValidCron(rule), rule).toBe(true);
    }
    for (const rule of [
      '',
      '* * * * * *',
      '60 * * * *',
      '* 24 * * *',
      '* * 32 * *',
      '* * * 13 *',
      '* * * * 8',
      '1-2-3 * * * *',
      'a * * * *',
      '*/x * * * *',
      '@often',
    ]) {
      expect(isValidCron(rule), rule).toBe(false);
    }
  });
});
