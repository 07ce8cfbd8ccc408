import { expect } from 'vitest';
import { GLOBAL_VARIABLE_KEY, tagVariableKey } from '../../domain/variable.js';
import { NotFoundError } from '../../errors/errors.js';
import { type CheckContext, storeCheck } from './check.js';
import { expectRejection, GENERATED_ID, pause, uid } from './fixtures.js';

async function createVariable(context: CheckContext, id?: string) {
  const { variables } = context.store;
  const variable = await variables.create({ name: 'plan', ...(id === undefined ? {} : { id }) });
  context.defer(() => variables.delete(variable.id));
  return variable;
}

/** Values of context variables, by key. */
export const variableChecks = {
  setsAndGetsValues: storeCheck('sets, gets and lists values per key', async (context) => {
    const { variables } = context.store;
    const variable = await createVariable(context);
    expect(await variables.getValue(variable.id, GLOBAL_VARIABLE_KEY)).toBeUndefined();
    expect(await variables.listValues(variable.id)).toEqual([]);

    const data = { tier: 'gold', limits: [1, 2] };
    const global = await variables.setValue(variable.id, GLOBAL_VARIABLE_KEY, data);
    expect(global).toEqual({
      id: global.id,
      variableId: variable.id,
      key: GLOBAL_VARIABLE_KEY,
      data,
      updatedAt: global.updatedAt,
    });
    expect(global.id).toMatch(GENERATED_ID);
    expect(Number.isNaN(Date.parse(global.updatedAt))).toBe(false);
    const tagKey = tagVariableKey(uid());
    const tagged = await variables.setValue(variable.id, tagKey, 'silver');
    const customer = await variables.setValue(variable.id, uid('customer-'), 7);

    expect(await variables.getValue(variable.id, GLOBAL_VARIABLE_KEY)).toEqual(global);
    expect(await variables.getValue(variable.id, tagKey)).toEqual(tagged);
    expect(await variables.getValue(variable.id, 'nobody')).toBeUndefined();
    const byKey = (values: { key: string }[]) =>
      [...values].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    expect(byKey(await variables.listValues(variable.id))).toEqual(
      byKey([global, tagged, customer]),
    );
  }),

  replacesValue: storeCheck('replaces the value under an existing key', async (context) => {
    const { variables } = context.store;
    const variable = await createVariable(context);
    const first = await variables.setValue(variable.id, 'key', { v: 1 });
    await pause(2);
    const second = await variables.setValue(variable.id, 'key', { v: 2 });
    expect(second).toMatchObject({ variableId: variable.id, key: 'key', data: { v: 2 } });
    expect(Date.parse(second.updatedAt)).toBeGreaterThanOrEqual(Date.parse(first.updatedAt));
    expect(await variables.getValue(variable.id, 'key')).toEqual(second);
    expect(await variables.listValues(variable.id)).toEqual([second]);
  }),

  storesCopies: storeCheck('stores and returns value data as copies', async (context) => {
    const { variables } = context.store;
    const variable = await createVariable(context);
    const data = { list: ['a'] };
    const set = await variables.setValue(variable.id, 'key', data);
    data.list.push('changed by caller');
    (set.data as { list: string[] }).list.push('changed through result');
    const got = await variables.getValue(variable.id, 'key');
    expect(got?.data).toEqual({ list: ['a'] });
    (got?.data as { list: string[] } | undefined)?.list.push('changed through get');
    expect((await variables.getValue(variable.id, 'key'))?.data).toEqual({ list: ['a'] });
  }),

  deletesValue: storeCheck(
    'deletes a value, and rejects deleting a missing one with NotFoundError',
    async (context) => {
      const { variables } = context.store;
      const variable = await createVariable(context);
      await variables.setValue(variable.id, 'gone', 1);
      const kept = await variables.setValue(variable.id, 'kept', 2);
      await variables.deleteValue(variable.id, 'gone');
      expect(await variables.getValue(variable.id, 'gone')).toBeUndefined();
      expect(await variables.listValues(variable.id)).toEqual([kept]);
      await expectRejection(variables.deleteValue(variable.id, 'gone'), NotFoundError);
      await expectRejection(variables.deleteValue(variable.id, 'never'), NotFoundError);
    },
  ),

  unknownVariable: storeCheck(
    'rejects value operations on an unknown variable with NotFoundError',
    async ({ store }) => {
      const missing = uid('no-var-');
      await expectRejection(store.variables.getValue(missing, 'k'), NotFoundError);
      await expectRejection(store.variables.setValue(missing, 'k', 1), NotFoundError);
      await expectRejection(store.variables.deleteValue(missing, 'k'), NotFoundError);
      await expectRejection(store.variables.listValues(missing), NotFoundError);
    },
  ),

  deleteCascades: storeCheck('deleting a variable deletes its values', async (context) => {
    const { variables } = context.store;
    const id = uid('var-');
    await createVariable(context, id);
    await variables.setValue(id, GLOBAL_VARIABLE_KEY, 'old');
    await variables.delete(id);
    await expectRejection(variables.listValues(id), NotFoundError);
    await createVariable(context, id);
    expect(await variables.listValues(id)).toEqual([]);
    expect(await variables.getValue(id, GLOBAL_VARIABLE_KEY)).toBeUndefined();
  }),
} as const;
