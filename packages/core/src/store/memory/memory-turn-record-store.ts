import { type TurnRecord, turnRecordSchema } from '../../domain/turn-record.js';
import { NotFoundError } from '../../errors/errors.js';
import { parseOrThrow } from '../../errors/from-zod.js';
import type { TurnRecordStore } from '../ports.js';
import type { MemoryJournal } from './memory-journal.js';

/** In-memory decision records. */
export class MemoryTurnRecordStore implements TurnRecordStore {
  readonly #records = new Map<string, TurnRecord>();
  readonly #journal: MemoryJournal | undefined;

  /** @param journal the store's transactions (saves are undone when one rolls back). */
  constructor(journal?: MemoryJournal) {
    this.#journal = journal;
  }

  async save(record: TurnRecord): Promise<TurnRecord> {
    const parsed = parseOrThrow(turnRecordSchema, record, 'turn record');
    this.#touch(parsed.id);
    this.#records.set(parsed.id, structuredClone(parsed));
    return parsed;
  }

  async get(id: string): Promise<TurnRecord> {
    const record = this.#records.get(id);
    if (record === undefined) throw new NotFoundError('turn record', id);
    return structuredClone(record);
  }

  async list(sessionId: string, filter: { traceId?: string } = {}): Promise<TurnRecord[]> {
    const records = [...this.#records.values()].filter(
      (record) =>
        record.sessionId === sessionId &&
        (filter.traceId === undefined || record.traceId === filter.traceId),
    );
    records.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
    return structuredClone(records);
  }

  /** Forgets a deleted session's records. */
  dropSession(sessionId: string): void {
    for (const [id, record] of this.#records) {
      if (record.sessionId !== sessionId) continue;
      this.#touch(id);
      this.#records.delete(id);
    }
  }

  #touch(id: string): void {
    this.#journal?.touch(`turn:${id}`, () => {
      const before = this.#records.get(id);
      return () => {
        if (before === undefined) this.#records.delete(id);
        else this.#records.set(id, before);
      };
    });
  }
}
