import type { ResolutionReason, TurnEntityRef } from '../domain/turn-record.js';
import {
  compareEntities,
  type EndpointIndex,
  type EntityKey,
  journeyKey,
  type ResolverEntity,
} from './endpoint-index.js';
import { computeEntailmentClosure, type EntailmentClosure } from './entailment.js';
import { describeEntity, RESOLUTION_RULES, reason } from './reasons.js';

/** What a drop or keep is attributed to. */
export interface Attribution {
  readonly rule: string;
  readonly relationshipId: string | null;
  readonly because: TurnEntityRef | null;
  readonly explanation: string;
}

/**
 * The mutable heart of one resolution: the permanent set of dropped entities, the active set
 * derived from it (recomputed after every drop, so nothing acts on behalf of an entity that
 * only a dropped one entailed), and the log of reasons.
 */
export class ResolutionState {
  readonly index: EndpointIndex;
  readonly #base: readonly EntityKey[];
  readonly #dropped = new Set<EntityKey>();
  readonly #log: ResolutionReason[] = [];
  readonly #logged = new Set<string>();
  #closure: EntailmentClosure | undefined;
  #sorted: readonly EntityKey[] | undefined;

  constructor(index: EndpointIndex, base: readonly EntityKey[]) {
    this.index = index;
    this.#base = base;
  }

  /** How many entities have been dropped so far; it only grows. */
  get dropCount(): number {
    return this.#dropped.size;
  }

  /** The current active set (base minus drops, closed under `entails`). */
  closure(): EntailmentClosure {
    this.#closure ??= computeEntailmentClosure(this.index, this.#base, (key) =>
      this.#dropped.has(key),
    );
    return this.#closure;
  }

  /** Whether the entity is currently active. */
  isActive(key: EntityKey): boolean {
    return this.closure().active.has(key);
  }

  /** Whether the entity has been dropped (permanently). */
  isDropped(key: EntityKey): boolean {
    return this.#dropped.has(key);
  }

  /** The currently active entities in canonical order (a snapshot). */
  activeInCanonicalOrder(): readonly EntityKey[] {
    this.#sorted ??= [...this.closure().order].sort((a, b) =>
      compareEntities(this.index.entity(a), this.index.entity(b)),
    );
    return this.#sorted;
  }

  /** Drops and keeps in the order they happened. */
  log(): readonly ResolutionReason[] {
    return this.#log;
  }

  /**
   * Drops an entity for good, then drops every guideline left without an active journey.
   * Returns false when it was already dropped.
   */
  drop(key: EntityKey, attribution: Attribution): boolean {
    if (!this.#record(key, attribution)) return false;
    this.enforceJourneyScope();
    return true;
  }

  /** Records that an entity survived a relationship that would otherwise have dropped it. */
  keep(key: EntityKey, attribution: Attribution): void {
    const { rule, relationshipId, because, explanation } = attribution;
    const entry = reason(
      this.index.entity(key),
      'kept',
      rule,
      relationshipId,
      because,
      explanation,
    );
    const id = JSON.stringify([key, rule, relationshipId, because]);
    if (this.#logged.has(id)) return;
    this.#logged.add(id);
    this.#log.push(entry);
  }

  /** Drops active guidelines scoped only to journeys that are not active (`journey-inactive`). */
  enforceJourneyScope(): void {
    for (;;) {
      const orphan = this.activeInCanonicalOrder()
        .map((key) => this.index.entity(key))
        .find((entity) => this.#isOutOfScope(entity));
      // #record refuses only if a dropped entity were still active (a bug): stop, don't spin.
      if (!orphan || !this.#record(orphan.key, journeyInactive(orphan))) return;
    }
  }

  #isOutOfScope(entity: ResolverEntity): boolean {
    if (entity.scopedTo.length === 0) return false;
    return !entity.scopedTo.some((journeyId) => this.isActive(journeyKey(journeyId)));
  }

  #record(key: EntityKey, attribution: Attribution): boolean {
    if (this.#dropped.has(key)) return false;
    this.#dropped.add(key);
    this.#closure = undefined;
    this.#sorted = undefined;
    const { rule, relationshipId, because, explanation } = attribution;
    const entity = this.index.entity(key);
    this.#log.push(reason(entity, 'dropped', rule, relationshipId, because, explanation));
    return true;
  }
}

function journeyInactive(entity: ResolverEntity): Attribution {
  const journeys = entity.scopedTo.map((id) => `"${id}"`).join(', ');
  const scope =
    entity.scopedTo.length === 1
      ? `journey ${journeys}, which is not active`
      : `journeys ${journeys}, none of which is active`;
  return {
    rule: RESOLUTION_RULES.journeyInactive,
    relationshipId: null,
    because: { type: 'journey', id: entity.scopedTo[0]! },
    explanation: `${describeEntity(entity)} is scoped to ${scope}.`,
  };
}
