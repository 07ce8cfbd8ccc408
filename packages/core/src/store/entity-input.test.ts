import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from './memory/memory-store.js';

describe('entity creation times', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('list entities created in one millisecond in the order they were created, not by their random ids', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-07T10:00:00.000Z'));
    const store = createMemoryStore();
    const created: string[] = [];
    for (let n = 0; n < 30; n++) {
      created.push((await store.agents.create({ name: `Agent ${n}` })).id);
    }
    expect((await store.agents.list()).map((agent) => agent.id)).toEqual(created);
    const times = (await store.agents.list()).map((agent) => agent.createdAt);
    expect(new Set(times).size).toBe(30);
  });

  it('follow the clock when it goes back (a test setting an earlier time)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const store = createMemoryStore();
    vi.setSystemTime(new Date('2026-12-07T10:00:00.000Z'));
    await store.agents.create({ name: 'Now' });
    vi.setSystemTime(new Date('2026-12-04T10:00:00.000Z'));
    const earlier = await store.agents.create({ name: 'Three days earlier' });
    expect(earlier.createdAt).toBe('2026-12-04T10:00:00.000Z');
  });

  it('stay in creation order through a burst of thousands under a clock that does not move', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-07T10:00:00.000Z'));
    const store = createMemoryStore();
    const created: string[] = [];
    for (let n = 0; n < 2500; n++) {
      created.push((await store.tags.create({ name: `tag-${n}` })).id);
    }
    expect((await store.tags.list()).map((tag) => tag.id)).toEqual(created);
  });
});
