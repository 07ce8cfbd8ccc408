import { describe, expect, it } from 'vitest';
import { setup } from './behavior-harness.js';

const chat = (id: string) => ({ id, type: 'chat', instruction: `Do ${id}` });

/** A POST body for journey `id` whose states are chats named `states`, in a line. */
function line(id: string, states: string[]) {
  return {
    id,
    title: id,
    description: '',
    conditions: ['c'],
    states: states.map(chat),
    transitions: states.slice(1).map((to, index) => ({ from: states[index], to })),
  };
}

describe('journey cascades', () => {
  it('deleting journey `a` leaves what is scoped to journey `a:b` alone', async () => {
    const { call } = setup();
    expect((await call('POST', '/journeys', line('a', ['s']))).status).toBe(201);
    expect((await call('POST', '/journeys', line('a:b', ['s']))).status).toBe(201);
    const scoped = await call('POST', '/guidelines', {
      condition: 'c',
      action: 'x',
      tags: ['journey_node:a:b:s'],
    });
    expect(scoped.status).toBe(201);
    expect((await call('DELETE', '/journeys/a')).status).toBe(204);
    const after = await call('GET', `/guidelines/${scoped.body.id}`);
    expect(after.status).toBe(200);
    expect(after.body.guideline.tags).toEqual(['journey_node:a:b:s']);
  });

  it('deleting a journey never widens a state-scoped entity to another whole journey', async () => {
    const { call } = setup();
    await call('POST', '/journeys', line('j', ['s']));
    await call('POST', '/journeys', line('k', ['s']));
    // Applies only at j's state s (state tags are the narrower scope): with j gone it cannot
    // apply, and keeping `journey:k` alone would make it apply throughout k.
    const narrow = await call('POST', '/guidelines', {
      condition: 'c',
      action: 'x',
      tags: ['journey_node:j:s', 'journey:k'],
    });
    const both = await call('POST', '/guidelines', {
      condition: 'c',
      action: 'y',
      tags: ['journey_node:j:s', 'journey_node:k:s'],
    });
    await call('DELETE', '/journeys/j');
    expect((await call('GET', `/guidelines/${narrow.body.id}`)).status).toBe(404);
    const kept = await call('GET', `/guidelines/${both.body.id}`);
    expect(kept.body.guideline.tags).toEqual(['journey_node:k:s']);
  });

  it('derives distinct transition ids when state ids contain dots', async () => {
    const { call } = setup();
    const created = await call('POST', '/journeys', {
      title: 'Dots',
      description: '',
      conditions: ['c'],
      states: [chat('a'), chat('a.b'), chat('b.c'), chat('c')],
      transitions: [
        { from: 'a', to: 'a.b', condition: 'first' },
        { from: 'a', to: 'b.c', condition: 'second' },
        // Same derived id as a → b.c (`a.b.c`) and the same condition.
        { from: 'a.b', to: 'c', condition: 'second' },
        { from: 'b.c', to: 'c' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const ids = created.body.transitions.map((t: { id: string }) => t.id);
    expect(new Set(ids).size).toBe(4);
    // Sending the same graph again keeps the ids.
    const again = await call('PATCH', `/journeys/${created.body.id}`, {
      states: created.body.states,
      transitions: created.body.transitions.map(
        ({ from, to, condition }: Record<string, unknown>) => ({ from, to, condition }),
      ),
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.transitions.map((t: { id: string }) => t.id)).toEqual(ids);
  });
});
