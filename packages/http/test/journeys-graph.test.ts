import { afterEach, describe, expect, it, vi } from 'vitest';
import { journeyDtoSchema } from '../src/dto/journey.js';
import { once, parlantClient, setup } from './behavior-harness.js';
import { returnsBody } from './journeys-graph-harness.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('/journeys graph (Conduct extension)', () => {
  it('creates a journey from states and transitions and answers the real graph', async () => {
    const { call, store } = setup();
    const created = await call('POST', '/journeys', returnsBody());
    expect(created.status).toBe(201);
    expect(created.body.conditions).toHaveLength(1);
    expect(created.body.initial_state_id).toBe('confirm');
    expect(created.body.states[1]).toEqual({
      id: 'lookup',
      type: 'tool',
      tools: [{ service_name: 'orders', tool_name: 'lookup_order' }],
      instruction: 'Find the order',
      description: null,
      composition_mode: null,
    });
    expect(created.body.states[3]).toMatchObject({ composition_mode: 'strict_canned' });
    expect(created.body.transitions.map((t: { id: string }) => t.id)).toEqual([
      'confirm.lookup',
      'lookup.eligible',
      'recent',
      'eligible.refuse',
      'label.done',
      'refuse.done',
    ]);
    const stored = await store.journeys.get('returns');
    expect(stored.states[1]).toMatchObject({ type: 'tool', tools: ['orders:lookup_order'] });
    expect(stored.transitions[0]).toEqual({
      id: 'confirm.lookup',
      from: 'confirm',
      to: 'lookup',
      condition: 'the customer named the item',
    });
    expect((await call('GET', '/journeys/returns')).body).toEqual(created.body);
    expect((await call('GET', '/journeys')).body).toEqual([created.body]);
    expect(journeyDtoSchema.safeParse(created.body).success).toBe(true);
  });

  it('derives transition ids from from/to/condition, stable across a re-PATCH', async () => {
    const { call } = setup();
    const body = {
      title: 'Pick',
      description: '',
      conditions: [],
      initial_state_id: 'ask',
      states: [
        { id: 'ask', type: 'chat', instruction: 'Ask which color' },
        { id: 'show', type: 'chat', instruction: 'Show it' },
      ],
      transitions: [
        { from: 'ask', to: 'show', condition: 'they want red' },
        { from: 'ask', to: 'show', condition: 'they want blue' },
      ],
    };
    const created = (await call('POST', '/journeys', body)).body;
    const ids = created.transitions.map((t: { id: string }) => t.id);
    expect(ids[0]).toMatch(/^ask\.show\.[0-9A-Za-z]{8}$/);
    expect(ids[1]).toMatch(/^ask\.show\.[0-9A-Za-z]{8}$/);
    expect(ids[0]).not.toBe(ids[1]);
    const { title, description, conditions, ...graph } = body;
    const again = await call('PATCH', `/journeys/${created.id}`, graph);
    expect(again.status).toBe(200);
    expect(again.body.transitions.map((t: { id: string }) => t.id)).toEqual(ids);
    // Reordering does not move the ids either: they follow the condition.
    const reordered = await call('PATCH', `/journeys/${created.id}`, {
      ...graph,
      transitions: [...graph.transitions].reverse(),
    });
    expect(reordered.body.transitions.map((t: { id: string }) => t.id)).toEqual([...ids].reverse());
  });

  it('replaces the graph as a whole on PATCH and keeps it on other edits', async () => {
    const { call, store } = setup();
    const journey = (
      await call('POST', '/journeys', { title: 'T', description: 'Greet', conditions: ['c'] })
    ).body;
    const patched = await call('PATCH', `/journeys/${journey.id}`, {
      states: [
        { id: 'start', type: 'chat', instruction: 'Ask for the name' },
        { id: 'thanks', type: 'chat', instruction: 'Thank them' },
      ],
      transitions: [{ from: 'start', to: 'thanks', condition: 'they gave a name' }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.states.map((s: { id: string }) => s.id)).toEqual(['start', 'thanks']);
    // The user's `start` is no longer the HTTP-made step: a new description leaves it alone.
    await call('PATCH', `/journeys/${journey.id}`, { description: 'Something else' });
    const stored = await store.journeys.get(journey.id);
    expect(stored.states[0]).toMatchObject({ instruction: 'Ask for the name', metadata: {} });
    expect(stored.transitions).toHaveLength(1);
    expect(stored.triggers).toEqual([{ id: journey.conditions[0], condition: 'c' }]);
  });

  it('keeps metadata set from code when a graph is sent back over HTTP', async () => {
    const { call, conduct } = setup();
    const agent = await conduct.agents.create({ name: 'Ava' });
    const handle = await agent.journeys.create({
      id: 'coded',
      title: 'Coded',
      states: [{ id: 'ask', type: 'chat', instruction: 'Ask', metadata: { owner: 'team-a' } }],
    });
    const read = (await call('GET', '/journeys/coded')).body;
    const { states, transitions, initial_state_id } = read;
    const sent = await call('PATCH', '/journeys/coded', {
      states: [...states, { id: 'more', type: 'chat', instruction: 'More' }],
      transitions: [...transitions, { from: 'ask', to: 'more' }],
      initial_state_id,
    });
    expect(sent.status).toBe(200);
    const stored = await conduct.store.journeys.get(handle.id);
    expect(stored.states[0]?.metadata).toEqual({ owner: 'team-a' });
    expect(stored.tags).toEqual(handle.journey.tags);
  });

  it('draws the real graph as Mermaid', async () => {
    const { call } = setup();
    await call('POST', '/journeys', returnsBody());
    const chart = (await call('GET', '/journeys/returns/mermaid')).body.split('\n');
    expect(chart).toContain('    N0: Confirm which item they want to return');
    expect(chart).toContain('    N1: Run orders:lookup_order: Find the order');
    expect(chart).toContain('    N2: Is it still returnable?');
    expect(chart).toContain('    N0 --> N1: the customer named the item');
    expect(chart).toContain('    N2 --> N3: the order is recent');
    expect(chart).toContain('    N3 --> [*]');
  });

  it('parses in parlant-client 3.3.1 (extra fields pass through)', async () => {
    const { app, call } = setup();
    await call('POST', '/journeys', returnsBody());
    const client = parlantClient(app);
    const read = await client.journeys.retrieve('returns', once);
    expect(read.conditions).toHaveLength(1);
    expect((read as unknown as { states: unknown[] }).states).toHaveLength(6);
    expect(await client.journeys.list({}, once)).toHaveLength(1);
    const updated = await client.journeys.update('returns', { title: 'Returns' }, once);
    expect(updated.title).toBe('Returns');
  });
});

describe('OpenAPI of the journey graph', () => {
  it('documents the graph fields as Conduct extensions, in requests and responses', async () => {
    const { app } = setup();
    const document = await (await app.request('/openapi.json')).json();
    const journey = document.components.schemas.Journey;
    for (const field of ['states', 'transitions', 'initial_state_id']) {
      expect(journey.properties[field]['x-conduct-extension'], field).toBe(true);
      expect(journey.properties[field].description, field).toMatch(/^Conduct extension/);
    }
    expect(journey.required).toEqual(expect.arrayContaining(['conditions', 'states']));
    expect(document.components.schemas.JourneyState).toBeDefined();
    for (const [path, method] of [
      ['/journeys', 'post'],
      ['/journeys/{journey_id}', 'patch'],
    ] as const) {
      const body = document.paths[path][method].requestBody.content['application/json'].schema;
      const properties = body.properties ?? body.allOf?.[0]?.properties;
      expect(properties.states['x-conduct-extension'], `${method} ${path}`).toBe(true);
      expect(properties.initial_state_id['x-conduct-extension']).toBe(true);
    }
  });
});
