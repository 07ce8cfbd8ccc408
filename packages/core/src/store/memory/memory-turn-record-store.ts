import { type TurnRecord, turnRecordSchema } from '../../domain/turn-record.js';
import { NotFoundError } from '../../errors/errors.js';
import { parseOrThrow } from '../../errors/from-zod.js';
import type { TurnRecordStore } from '../ports.js';

/** In-memory decision records. */
export class MemoryTurnRecordStore implements TurnRecordStore {
  readonly #records = new Map<string, TurnRecord>();

  async save(record: TurnRecord): Promise<TurnRecord> {
    const parsed = parseOrThrow(turnRecordSchema, record, 'turn record');
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
      if (record.sessionId === sessionId) this.#records.delete(id);
    }
  }
}
