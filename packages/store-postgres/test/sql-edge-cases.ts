import { generateId, NotFoundError, ValidationError } from '@conduct/core';
import { newTurnRecord } from '@conduct/core/internal';
import { expect, it } from 'vitest';
import type { PostgresStore } from '../src/index.js';

/**
 * What JSON-in-SQL could get wrong beyond the conformance kit: JSON `null` versus no value,
 * scalars as documents, text PostgreSQL cannot store, and records of unknown sessions.
 */
export function sqlEdgeCaseTests(store: () => PostgresStore): void {
  async function newSession() {
    const agent = await store().agents.create({ name: 'Edge' });
    return store().sessions.create({ agentId: agent.id });
  }

  it('round-trips custom event data of every JSON shape, null and absent included', async () => {
    const session = await newSession();
    const shapes: unknown[] = [null, 'text', 42, true, [1, 'two', null], { deep: { n: [] } }];
    for (const data of [...shapes, undefined]) {
      const event = await store().events.append(session.id, {
        kind: 'custom',
        source: 'system',
        traceId: '<main>',
        data,
      });
      const read = await store().events.get(session.id, event.id);
      expect(read.data).toStrictEqual(data);
      expect(read).toEqual(event);
    }
  });

  it('keeps variable values of null and of no value apart', async () => {
    const variable = await store().variables.create({ name: 'edge' });
    expect((await store().variables.setValue(variable.id, 'null', null)).data).toBeNull();
    const none = await store().variables.setValue(variable.id, 'none', undefined);
    expect(none.data).toBeUndefined();
    expect((await store().variables.getValue(variable.id, 'null'))?.data).toBeNull();
    expect((await store().variables.getValue(variable.id, 'none'))?.data).toBeUndefined();
    await store().variables.delete(variable.id);
  });

  it('rejects text with a NUL character with ValidationError and stores nothing', async () => {
    const session = await newSession();
    const append = store().events.append(session.id, {
      kind: 'message',
      source: 'customer',
      traceId: '<main>',
      data: { message: 'nul \u0000 inside', participant: { id: null, display_name: 'Edge' } },
    });
    await expect(append).rejects.toSatisfy((error) => ValidationError.is(error));
    expect(await store().events.list(session.id, { includeDeleted: true })).toEqual([]);
    expect(
      (
        await store().events.append(session.id, {
          kind: 'custom',
          source: 'system',
          traceId: '<main>',
          data: 1,
        })
      ).offset,
    ).toBe(0);
  });

  it('rejects a turn record of an unknown session with NotFoundError', async () => {
    const record = newTurnRecord({
      id: generateId(),
      sessionId: `missing-${generateId()}`,
      agentId: 'agent',
      traceId: 'a'.repeat(32),
      startedAt: new Date().toISOString(),
    });
    await expect(store().turns.save(record)).rejects.toSatisfy((error) => NotFoundError.is(error));
  });
}
