import type { Journey, JourneyInput, JourneyPatch } from '../domain/journey.js';
import {
  assertValidJourney,
  type JourneyValidationOptions,
  validateJourney,
} from '../journeys/validate-journey.js';
import type { StoreTransaction } from '../store/unit-of-work.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import type { EntityRules } from './entity-operations.js';
import { deleteRelationshipsOf } from './relationship-cascade.js';
import { unscopeFromJourney } from './scope-cascade.js';

/**
 * What a journey's graph is checked against: the stored journeys (nested journeys exist and do
 * not nest back) and, when there is a registry, the registered tools.
 */
export async function journeyValidationOptions(
  tx: StoreTransaction,
  tools: ToolRegistry | undefined,
): Promise<JourneyValidationOptions> {
  const stored = new Map((await tx.journeys.list()).map((journey) => [journey.id, journey]));
  return {
    journeyExists: (journeyId) => stored.has(journeyId),
    nestedJourneys: (journeyId) =>
      (stored.get(journeyId)?.states ?? []).flatMap((state) =>
        state.type === 'journey' ? [state.journeyId] : [],
      ),
    ...(tools === undefined ? {} : { toolExists: (ref: string) => tools.has(ref) }),
  };
}

function changesGraph(patch: JourneyPatch): boolean {
  return (
    patch.states !== undefined ||
    patch.transitions !== undefined ||
    patch.initialStateId !== undefined
  );
}

/**
 * The rules of journeys: a graph is valid before it is stored (a new graph is checked against
 * the stored journeys and tools; other edits re-check the structure only, since a journey
 * written elsewhere may use tools this process does not have); deleting a journey deletes its
 * relationships and what is scoped to it alone. A graph that drops a state leaves what is
 * scoped to that state in place: it applies again if the state comes back.
 */
export function journeyRules(
  tools: ToolRegistry | undefined,
): EntityRules<Journey, JourneyInput, JourneyPatch> {
  return {
    beforeCreate: async (input, tx) =>
      validateJourney(input, await journeyValidationOptions(tx, tools)),
    async beforeUpdate(current, patch, tx) {
      const changes = Object.fromEntries(
        Object.entries(patch).filter(([, value]) => value !== undefined),
      );
      const options = changesGraph(patch) ? await journeyValidationOptions(tx, tools) : {};
      assertValidJourney({ ...current, ...changes } as Journey, options);
    },
    async delete(id, tx) {
      await tx.journeys.delete(id);
      await deleteRelationshipsOf(tx, { type: 'journey', id });
      await unscopeFromJourney(tx, id);
    },
  };
}
