import type { TurnRecord } from '@conduct/core';
import type { AgentCatalog } from '../target.js';

/** A guideline or journey as a scenario names it. */
export interface NamedEntity {
  id: string;
  title: string | null;
  /** The rule (`When …, then …`) or the journey's title. */
  text: string;
}

/** Entity kinds a scenario names by title or id. */
export type NamedKind = 'guideline' | 'journey';

/**
 * Finds the guidelines and journeys a scenario names (by id or title, case-insensitively for
 * titles) and says how a person calls them: the records' `subjects` first (the entities as the
 * turn saw them), then the agent's catalog when the target can give one.
 */
export class NameIndex {
  readonly #entities: Record<NamedKind, Map<string, NamedEntity>> = {
    guideline: new Map(),
    journey: new Map(),
  };
  readonly #hasCatalog: boolean;

  constructor(records: readonly TurnRecord[], catalog?: AgentCatalog) {
    this.#hasCatalog = catalog !== undefined;
    for (const guideline of catalog?.guidelines ?? []) this.#add('guideline', guideline);
    for (const journey of catalog?.journeys ?? []) {
      this.#add('journey', { id: journey.id, title: journey.title, text: journey.title });
    }
    // The turn's own view wins: it is what the turn actually considered.
    for (const record of records) {
      for (const subject of record.subjects) {
        const kind = subject.entity.type;
        if (kind !== 'guideline' && kind !== 'journey') continue;
        this.#add(kind, { id: subject.entity.id, title: subject.title, text: subject.text });
      }
    }
  }

  #add(kind: NamedKind, entity: NamedEntity): void {
    this.#entities[kind].set(entity.id, entity);
  }

  /** Whether every entity of the agent is known (a catalog was given), not only those a turn named. */
  get complete(): boolean {
    return this.#hasCatalog;
  }

  /** The entity with this id or title, if known. */
  find(kind: NamedKind, name: string): NamedEntity | undefined {
    const entities = this.#entities[kind];
    const byId = entities.get(name);
    if (byId !== undefined) return byId;
    const wanted = name.trim().toLowerCase();
    for (const entity of entities.values()) {
      if (entity.title?.trim().toLowerCase() === wanted) return entity;
    }
    return undefined;
  }

  /** The entity with this id, or a stand-in that names it by id. */
  byId(kind: NamedKind, id: string): NamedEntity {
    return this.#entities[kind].get(id) ?? { id, title: null, text: id };
  }

  /** How a person calls it: `'Title'`, else its rule in quotes. */
  label(entity: NamedEntity): string {
    return `'${entity.title ?? entity.text}'`;
  }

  /** The known title (or id) closest to `name`, for "did you mean". */
  suggest(kind: NamedKind, name: string): string | undefined {
    const wanted = name.toLowerCase();
    let best: { name: string; score: number } | undefined;
    for (const entity of this.#entities[kind].values()) {
      for (const candidate of [entity.title, entity.id]) {
        if (candidate === null) continue;
        const score = similarity(wanted, candidate.toLowerCase());
        if (score > 0.5 && (best === undefined || score > best.score)) {
          best = { name: candidate, score };
        }
      }
    }
    return best?.name;
  }
}

/** Dice similarity of two texts' letter pairs (0..1). */
function similarity(a: string, b: string): number {
  const pairs = (text: string) => {
    const result = new Map<string, number>();
    for (let index = 0; index < text.length - 1; index++) {
      const pair = text.slice(index, index + 2);
      result.set(pair, (result.get(pair) ?? 0) + 1);
    }
    return result;
  };
  const left = pairs(a);
  const right = pairs(b);
  let shared = 0;
  for (const [pair, count] of left) shared += Math.min(count, right.get(pair) ?? 0);
  const total = Math.max(a.length - 1, 0) + Math.max(b.length - 1, 0);
  return total === 0 ? (a === b ? 1 : 0) : (2 * shared) / total;
}
