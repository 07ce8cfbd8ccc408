import { describe, expect, it } from 'vitest';
import { setup } from './behavior-harness.js';

const chat = (id: string) => ({ id, type: 'chat', instruction: `Do ${id}` });

/** A POST body for a journey titled `Flow` with this graph. */
function flow(graph: Record<string, unknown>) {
  return { title: 'Flow', description: '', conditions: ['c'], ...graph };
}

describe('/journeys graph validation over HTTP', () => {
  it.each([
    {
      kind: 'unreachable_state',
      graph: { states: [chat('a'), chat('b')] },
      loc: ['body', 'states', 1],
      state: "state 'b'",
    },
    {
      kind: 'no_way_out',
      graph: {
        states: [
          chat('a'),
          {
            id: 'run',
            type: 'tool',
            tools: [{ service_name: 'orders', tool_name: 'lookup_order' }],
          },
        ],
        transitions: [{ from: 'a', to: 'run' }],
      },
      loc: ['body', 'states', 1],
      state: "state 'run'",
    },
    {
      kind: 'mixed_exits',
      graph: {
        states: [chat('a'), chat('b'), chat('c')],
        transitions: [
          { from: 'a', to: 'b', condition: 'yes' },
          { from: 'a', to: 'c' },
        ],
      },
      loc: ['body', 'states', 0],
      state: "state 'a'",
    },
    {
      kind: 'unknown_state',
      graph: { states: [chat('a')], transitions: [{ from: 'a', to: 'ghost' }] },
      loc: ['body', 'transitions', 0, 'to'],
      state: "unknown state 'ghost'",
    },
    {
      kind: 'unknown_state',
      graph: { states: [chat('a')], initial_state_id: 'nope' },
      loc: ['body', 'initial_state_id'],
      state: "initial state 'nope'",
    },
    {
      kind: 'unknown_journey',
      graph: {
        states: [chat('a'), { id: 'sub', type: 'journey', journey_id: 'ghost' }],
        transitions: [{ from: 'a', to: 'sub' }],
      },
      loc: ['body', 'states', 1],
      state: "state 'sub' nests journey 'ghost'",
    },
    {
      kind: 'unknown_tool',
      graph: {
        states: [
          { id: 'run', type: 'tool', tools: [{ service_name: 'orders', tool_name: 'nope' }] },
        ],
      },
      loc: ['body', 'states', 0],
      state: "state 'run' names tool 'orders:nope'",
    },
  ])('answers 422 for $kind at $loc and stores nothing', async ({ kind, graph, loc, state }) => {
    const { call, store } = setup();
    const response = await call('POST', '/journeys', flow(graph));
    expect(response.status).toBe(422);
    const entry = response.body.detail.find((d: { type: string }) => d.type === kind);
    expect(entry, JSON.stringify(response.body)).toBeDefined();
    expect(entry.loc).toEqual(loc);
    expect(entry.msg).toContain("journey 'Flow'");
    expect(entry.msg).toContain(state);
    expect(await store.journeys.list()).toEqual([]);
  });

  it('answers 422 for a nesting cycle or self-nesting on PATCH and changes nothing', async () => {
    const { call, store } = setup();
    await call('POST', '/journeys', { id: 'child', ...flow({ states: [chat('a')] }) });
    const parent = await call('POST', '/journeys', {
      id: 'parent',
      ...flow({
        states: [chat('a'), { id: 'sub', type: 'journey', journey_id: 'child' }],
        transitions: [{ from: 'a', to: 'sub' }],
      }),
    });
    expect(parent.status).toBe(201);
    const before = await store.journeys.get('child');
    const cycle = await call('PATCH', '/journeys/child', {
      states: [chat('a'), { id: 'back', type: 'journey', journey_id: 'parent' }],
      transitions: [{ from: 'a', to: 'back' }],
    });
    expect(cycle.status).toBe(422);
    expect(cycle.body.detail[0]).toMatchObject({
      type: 'nested_cycle',
      loc: ['body', 'states', 1],
    });
    expect(cycle.body.detail[0].msg).toContain("state 'back' nests journey 'parent'");
    const self = await call('PATCH', '/journeys/child', {
      states: [{ id: 'me', type: 'journey', journey_id: 'child' }],
    });
    expect(self.body.detail[0]).toMatchObject({ type: 'nested_self', loc: ['body', 'states', 0] });
    expect(await store.journeys.get('child')).toEqual(before);
  });

  it('reports tool states with more than one exit and every problem at once', async () => {
    const { call } = setup();
    const response = await call(
      'POST',
      '/journeys',
      flow({
        states: [
          {
            id: 'run',
            type: 'tool',
            tools: [{ service_name: 'orders', tool_name: 'lookup_order' }],
          },
          chat('b'),
          chat('c'),
          chat('lonely'),
        ],
        transitions: [
          { from: 'run', to: 'b' },
          { from: 'run', to: 'c' },
        ],
      }),
    );
    expect(response.status).toBe(422);
    expect(
      response.body.detail.map((d: { type: string; loc: unknown[] }) => [d.type, d.loc]),
    ).toEqual([
      ['tool_exits', ['body', 'states', 0]],
      ['unreachable_state', ['body', 'states', 3]],
    ]);
  });

  it('rejects malformed graphs with field locations', async () => {
    const { call, store } = setup();
    const cases: [Record<string, unknown>, unknown[]][] = [
      [{ transitions: [{ from: 'a', to: 'b' }] }, ['body', 'transitions']],
      [{ initial_state_id: 'a' }, ['body', 'initial_state_id']],
      [{ states: [] }, ['body', 'states']],
      [{ states: [{ id: 'a', type: 'chat' }] }, ['body', 'states', 0, 'instruction']],
      [{ states: [{ id: 'a', type: 'tool', tools: [] }] }, ['body', 'states', 0, 'tools']],
      [{ states: [{ id: 'a', type: 'journey' }] }, ['body', 'states', 0, 'journey_id']],
      [{ states: [{ id: 'a b', type: 'end' }] }, ['body', 'states', 0, 'id']],
      [{ states: [{ id: 'a', type: 'wait' }] }, ['body', 'states', 0, 'type']],
      [
        { states: [chat('a')], transitions: [{ from: 'a', to: 'a', condition: '' }] },
        ['body', 'transitions', 0, 'condition'],
      ],
    ];
    for (const [graph, loc] of cases) {
      const response = await call('POST', '/journeys', flow(graph));
      expect(response.status, JSON.stringify(graph)).toBe(422);
      expect(response.body.detail[0].loc, JSON.stringify(graph)).toEqual(loc);
    }
    const duplicate = await call('POST', '/journeys', flow({ states: [chat('a'), chat('a')] }));
    expect(duplicate.body.detail[0]).toMatchObject({
      type: 'duplicate_state',
      loc: ['body', 'states'],
    });
    expect(await store.journeys.list()).toEqual([]);
    await call('POST', '/journeys', { id: 'j', ...flow({}) });
    const patch = await call('PATCH', '/journeys/j', { transitions: [] });
    expect(patch.status).toBe(422);
    expect(patch.body.detail[0].msg).toContain('only accepted together with `states`');
  });
});
