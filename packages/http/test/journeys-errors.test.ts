import { describe, expect, it } from 'vitest';
import { setup } from './behavior-harness.js';

describe('/journeys bad input', () => {
  it('rejects bad input with 4xx and changes nothing', async () => {
    const { call, store } = setup();
    const neither = await call('POST', '/journeys', { title: 't', description: 'd' });
    expect(neither.status).toBe(422);
    expect(neither.body.detail[0].loc).toEqual(['body', 'conditions']);
    for (const bad of [
      { title: '', description: 'd', conditions: [] },
      { title: 'x'.repeat(101), description: 'd', conditions: [] },
      { title: 't', conditions: [] },
      { title: 't', description: 'd', conditions: [''] },
      { title: 't', description: 'd', conditions: 'c' },
      { title: 't', description: 'd', conditions: [], priority: 'high' },
    ]) {
      expect((await call('POST', '/journeys', bad)).status, JSON.stringify(bad)).toBe(422);
    }
    const unknownTag = { title: 't', description: 'd', conditions: [], tags: ['nope'] };
    expect((await call('POST', '/journeys', unknownTag)).status).toBe(404);
    expect(await store.journeys.list()).toEqual([]);

    const body = { id: 'j1', title: 't', description: 'd', conditions: ['c'] };
    expect((await call('POST', '/journeys', body)).status).toBe(201);
    expect((await call('POST', '/journeys', body)).status).toBe(409);
    const before = await store.journeys.get('j1');
    const unknownGuideline = await call('PATCH', '/journeys/j1', {
      title: 'changed',
      conditions: { add: ['ghost'] },
    });
    expect(unknownGuideline.status).toBe(404);
    expect(unknownGuideline.body.detail).toBe("Guideline not found (id='ghost')");
    expect((await call('PATCH', '/journeys/j1', { conditions: ['x'] })).status).toBe(422);
    expect(await store.journeys.get('j1')).toEqual(before);
    expect((await call('PATCH', '/journeys/nope', { title: 'x' })).status).toBe(404);
    expect((await call('GET', '/journeys/nope')).status).toBe(404);
    expect((await call('DELETE', '/journeys/nope')).status).toBe(404);
  });
});
