import { type Journey, journeyMermaid } from '@conduct/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { once, parlantClient, setup } from './behavior-harness.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('/journeys', () => {
  it('creates from `conditions` or `triggers` and emits both as trigger ids', async () => {
    const { call, store } = setup();
    const created = await call('POST', '/journeys', {
      title: 'Return a product',
      description: 'Ask for the order number, then explain the return steps.',
      conditions: ['the customer wants to return something'],
      composition_mode: 'canned_fluid',
      labels: ['returns'],
      priority: 2,
    });
    expect(created.status).toBe(201);
    const journey = created.body;
    expect(journey).toEqual({
      id: expect.any(String),
      title: 'Return a product',
      description: 'Ask for the order number, then explain the return steps.',
      conditions: [expect.any(String)],
      triggers: journey.conditions,
      tags: [],
      composition_mode: 'canned_fluid',
      labels: ['returns'],
      priority: 2,
      // Conduct extension beside the compatible fields: the real graph.
      initial_state_id: 'start',
      states: [
        {
          id: 'start',
          type: 'chat',
          instruction: journey.description,
          description: null,
          composition_mode: null,
        },
        { id: 'end', type: 'end', description: null, composition_mode: null },
      ],
      transitions: [{ id: 'start-to-end', from: 'start', to: 'end', condition: null }],
    });
    const stored = await store.journeys.get(journey.id);
    expect(stored.triggers).toEqual([
      { id: journey.conditions[0], condition: 'the customer wants to return something' },
    ]);
    // the wire has no states: a minimal graph that follows the description, then ends
    expect(stored.initialStateId).toBe('start');
    expect(stored.states.map((s) => [s.id, s.type])).toEqual([
      ['start', 'chat'],
      ['end', 'end'],
    ]);
    expect(stored.states[0]).toMatchObject({ instruction: journey.description });
    expect(stored.transitions).toEqual([
      { id: 'start-to-end', from: 'start', to: 'end', condition: null },
    ]);

    const head = await call('POST', '/journeys', {
      id: 'warranty',
      title: 'Warranty claim',
      description: '',
      triggers: ['asks about warranty', 'product broke'],
    });
    expect(head.body).toMatchObject({ id: 'warranty', composition_mode: null, priority: 0 });
    expect(head.body.triggers).toHaveLength(2);
    expect((await store.journeys.get('warranty')).states[0]).toMatchObject({
      instruction: 'Warranty claim',
    });

    expect((await call('GET', '/journeys')).body).toHaveLength(2);
    expect((await call('GET', '/journeys/warranty')).body).toEqual(head.body);
  });

  it('updates title, description, triggers, tags, labels and priority', async () => {
    const { call, store } = setup();
    const tag = (await call('POST', '/tags', { name: 'returns' })).body;
    const journey = (
      await call('POST', '/journeys', { title: 'Returns', description: 'd', conditions: ['c1'] })
    ).body;
    const guideline = (await call('POST', '/guidelines', { condition: 'wants a refund' })).body;
    const patched = await call('PATCH', `/journeys/${journey.id}`, {
      title: 'Returns and refunds',
      description: 'Handle the return or refund.',
      conditions: { add: [guideline.id], remove: [journey.conditions[0]] },
      tags: { add: [tag.id] },
      labels: { upsert: ['policy'] },
      priority: 4,
      composition_mode: 'fluid',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      title: 'Returns and refunds',
      description: 'Handle the return or refund.',
      conditions: [guideline.id],
      triggers: [guideline.id],
      tags: [tag.id],
      labels: ['policy'],
      priority: 4,
      composition_mode: 'fluid',
    });
    const stored = await store.journeys.get(journey.id);
    expect(stored.triggers).toEqual([{ id: guideline.id, condition: 'wants a refund' }]);
    expect(stored.states[0]).toMatchObject({ instruction: 'Handle the return or refund.' });
    expect((await call('GET', `/journeys?tag_id=${tag.id}`)).body).toEqual([patched.body]);
    const viaTriggers = await call('PATCH', `/journeys/${journey.id}`, {
      triggers: { remove: [guideline.id] },
    });
    expect(viaTriggers.body.conditions).toEqual([]);
  });

  it('renders the graph as a text/plain Mermaid state diagram', async () => {
    const { call } = setup();
    const journey = (
      await call('POST', '/journeys', {
        title: 'Returns',
        description: 'Ask for the order number',
        conditions: ['c'],
      })
    ).body;
    const chart = await call('GET', `/journeys/${journey.id}/mermaid`);
    expect(chart.status).toBe(200);
    expect(chart.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(chart.body).toBe(
      [
        'stateDiagram-v2',
        '    N0: Ask for the order number',
        '    [*] --> N0',
        '    N0 --> [*]',
        'style N0 fill:#006e53,stroke:#ffffff,stroke-width:2px,color:#ffffff',
      ].join('\n'),
    );
    expect((await call('GET', '/journeys/nope/mermaid')).status).toBe(404);
  });

  it('draws tool states, forks and conditional transitions', () => {
    const journey = {
      initialStateId: 'ask',
      states: [
        { id: 'ask', type: 'chat', instruction: 'Ask for the\norder; number', metadata: {} },
        {
          id: 'check',
          type: 'tool',
          tools: ['orders:lookup_order'],
          instruction: null,
          metadata: {},
        },
        { id: 'branch', type: 'fork', description: null, metadata: {} },
        { id: 'done', type: 'end', metadata: {} },
      ],
      transitions: [
        { id: 't1', from: 'ask', to: 'check', condition: 'the customer gave it' },
        { id: 't2', from: 'check', to: 'branch', condition: null },
        { id: 't3', from: 'branch', to: 'done', condition: 'shipped' },
      ],
    } as unknown as Journey;
    const chart = journeyMermaid(journey).split('\n');
    expect(chart).toContain('    N0: Ask for the order#59; number');
    expect(chart).toContain('    N1: Run orders:lookup_order');
    expect(chart).toContain('    N2: Fork');
    expect(chart).toContain('    N0 --> N1: the customer gave it');
    expect(chart).toContain('    N1 --> N2');
    expect(chart).toContain('    N2 --> [*]: shipped');
    expect(chart.find((line) => line.startsWith('style N1'))).toContain('#ffeeaa');
  });

  it('deletes a journey and its relationships', async () => {
    const { call, store } = setup();
    const journey = (
      await call('POST', '/journeys', { title: 't', description: 'd', conditions: [] })
    ).body;
    const guideline = (await call('POST', '/guidelines', { condition: 'c' })).body;
    await call('POST', '/relationships', {
      source_tag: `journey:${journey.id}`,
      target_guideline: guideline.id,
      kind: 'dependency',
    });
    expect((await call('DELETE', `/journeys/${journey.id}`)).status).toBe(204);
    expect(await store.relationships.list()).toEqual([]);
  });

  it('works with parlant-client 3.3.1', async () => {
    const { app } = setup();
    const client = parlantClient(app);
    const journey = await client.journeys.create(
      { title: 'Returns', description: 'd', conditions: ['wants to return'] },
      once,
    );
    expect(journey.conditions).toHaveLength(1);
    expect(await client.journeys.retrieve(journey.id, once)).toEqual(journey);
    expect(await client.journeys.list({}, once)).toHaveLength(1);
    expect(await client.journeys.mermaid(journey.id, once)).toContain('stateDiagram-v2');
    const updated = await client.journeys.update(journey.id, { labels: { upsert: ['x'] } }, once);
    expect(updated.labels).toEqual(['x']);
    await client.journeys.delete(journey.id, once);
  });
});
