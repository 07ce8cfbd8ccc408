import {
  type Variable,
  type VariableInput,
  type VariablePatch,
  type VariableValue,
  variableInputSchema,
  variablePatchSchema,
} from '../../domain/variable.js';
import { NotFoundError } from '../../errors/errors.js';
import { generateId } from '../../util/ids.js';
import { nowIso } from '../../util/time.js';
import type { TagFilter } from '../entity-store.js';
import { matchesTagFilter } from '../filters.js';
import type { VariableStore } from '../ports.js';
import { MemoryCollection } from './memory-collection.js';
import type { MemoryJournal } from './memory-journal.js';

/** In-memory context variables and their per-key values. */
export class MemoryVariableStore
  extends MemoryCollection<Variable, VariableInput, VariablePatch, TagFilter>
  implements VariableStore
{
  readonly #values = new Map<string, Map<string, VariableValue>>();
  readonly #journal: MemoryJournal | undefined;

  /**
   * @param onChange called when a variable definition changes (not its values).
   * @param journal the store's transactions (changes are undone when one rolls back).
   */
  constructor(onChange?: () => void, journal?: MemoryJournal) {
    super({
      ...(onChange ? { onChange } : {}),
      ...(journal ? { journal } : {}),
      entity: 'variable',
      inputSchema: variableInputSchema,
      patchSchema: variablePatchSchema,
      matches: matchesTagFilter,
      afterDelete: (id) => {
        this.#touchValues(id);
        this.#values.delete(id);
      },
    });
    this.#journal = journal;
  }

  async getValue(variableId: string, key: string): Promise<VariableValue | undefined> {
    const value = this.#valuesOf(variableId).get(key);
    return value === undefined ? undefined : structuredClone(value);
  }

  async setValue(variableId: string, key: string, data: unknown): Promise<VariableValue> {
    const values = this.#valuesOf(variableId);
    this.#touchValues(variableId);
    const value: VariableValue = {
      id: values.get(key)?.id ?? generateId(),
      variableId,
      key,
      data: structuredClone(data),
      updatedAt: nowIso(),
    };
    values.set(key, value);
    return structuredClone(value);
  }

  async deleteValue(variableId: string, key: string): Promise<void> {
    this.#touchValues(variableId);
    if (!this.#valuesOf(variableId).delete(key)) {
      throw new NotFoundError('variable value', `${variableId}/${key}`);
    }
  }

  async listValues(variableId: string): Promise<VariableValue[]> {
    return structuredClone([...this.#valuesOf(variableId).values()]);
  }

  #touchValues(variableId: string): void {
    this.#journal?.touch(`variable-values:${variableId}`, () => {
      const before = this.#values.get(variableId);
      const copy = before === undefined ? undefined : new Map(before);
      return () => {
        if (copy === undefined) this.#values.delete(variableId);
        else this.#values.set(variableId, copy);
      };
    });
  }

  #valuesOf(variableId: string): Map<string, VariableValue> {
    if (!this.has(variableId)) throw new NotFoundError('variable', variableId);
    let values = this.#values.get(variableId);
    if (values === undefined) {
      values = new Map();
      this.#values.set(variableId, values);
    }
    return values;
  }
}
