import { expect } from 'vitest';
import type { RelationshipEndpoint, RelationshipInput } from '../../domain/relationship.js';
import { ValidationError } from '../../errors/errors.js';
import type { RelationshipFilter } from '../../store/ports.js';
import { type CheckContext, storeCheck } from './check.js';
import { expectRejection, issuePaths, uid } from './fixtures.js';

async function createRelationship(context: CheckContext, input: RelationshipInput) {
  const relationship = await context.store.relationships.create(input);
  context.defer(() => context.store.relationships.delete(relationship.id));
  return relationship;
}

/** Aggregate-specific filters and rules beyond plain CRUD. */
export const entityFilterChecks = {
  guidelineEnabledFilter: storeCheck(
    'filters guidelines by enabled, together with tags',
    async (context) => {
      const { guidelines } = context.store;
      const tag = uid('tag-');
      const on = await guidelines.create({ condition: 'on', tags: [tag] });
      const off = await guidelines.create({ condition: 'off', tags: [tag], enabled: false });
      context.defer(() => guidelines.delete(on.id));
      context.defer(() => guidelines.delete(off.id));
      const ids = async (enabled?: boolean) =>
        (await guidelines.list({ tags: [tag], ...(enabled === undefined ? {} : { enabled }) })).map(
          (guideline) => guideline.id,
        );
      expect(await ids(true)).toEqual([on.id]);
      expect(await ids(false)).toEqual([off.id]);
      expect((await ids()).sort()).toEqual([on.id, off.id].sort());
      const disabled = (await guidelines.list({ enabled: false })).map((guideline) => guideline.id);
      expect(disabled).toContain(off.id);
      expect(disabled).not.toContain(on.id);
    },
  ),

  relationshipFilters: storeCheck(
    'filters relationships by kind and by endpoint (as source or target)',
    async (context) => {
      const { relationships } = context.store;
      const a: RelationshipEndpoint = { type: 'guideline', id: uid('g-') };
      const b: RelationshipEndpoint = { type: 'guideline', id: uid('g-') };
      const c: RelationshipEndpoint = { type: 'journey', id: uid('j-') };
      const tool: RelationshipEndpoint = { type: 'tool', id: `svc:${uid()}` };
      const ab = await createRelationship(context, { kind: 'entails', source: a, target: b });
      const ca = await createRelationship(context, { kind: 'overrides', source: c, target: a });
      const bTool = await createRelationship(context, {
        kind: 'reevaluate-after',
        source: b,
        target: tool,
      });
      const ids = async (filter: RelationshipFilter) =>
        (await relationships.list(filter)).map((relationship) => relationship.id).sort();
      expect(await ids({ endpoint: a })).toEqual([ab.id, ca.id].sort());
      expect(await ids({ endpoint: b })).toEqual([ab.id, bTool.id].sort());
      expect(await ids({ endpoint: tool })).toEqual([bTool.id]);
      // Same id, other type: no match.
      expect(await ids({ endpoint: { type: 'journey', id: a.id } })).toEqual([]);
      expect(await ids({ endpoint: a, kind: 'overrides' })).toEqual([ca.id]);
      expect(await ids({ endpoint: b, kind: 'overrides' })).toEqual([]);
      const overrides = await relationships.list({ kind: 'overrides' });
      expect(overrides.every((relationship) => relationship.kind === 'overrides')).toBe(true);
      expect(overrides.map((relationship) => relationship.id)).toContain(ca.id);
      expect(overrides.map((relationship) => relationship.id)).not.toContain(ab.id);
    },
  ),

  relationshipToItself: storeCheck(
    'rejects a relationship whose source is its target with ValidationError',
    async ({ store }) => {
      const endpoint: RelationshipEndpoint = { type: 'guideline', id: uid('g-') };
      const id = uid('self-');
      const error = await expectRejection(
        store.relationships.create({ id, kind: 'entails', source: endpoint, target: endpoint }),
        ValidationError,
      );
      expect(issuePaths(error)).toContainEqual(['target']);
      expect(await store.relationships.find(id)).toBeUndefined();
    },
  ),

  tagNameFilter: storeCheck('filters tags by exact name', async (context) => {
    const { tags } = context.store;
    const name = uid('name-');
    const tag = await tags.create({ name });
    const other = await tags.create({ name: `${name}-other` });
    context.defer(() => tags.delete(tag.id));
    context.defer(() => tags.delete(other.id));
    expect(await tags.list({ name })).toEqual([tag]);
    expect(await tags.list({ name: uid('none-') })).toEqual([]);
    expect((await tags.list()).map((item) => item.id)).toEqual(
      expect.arrayContaining([tag.id, other.id]),
    );
  }),
} as const;
