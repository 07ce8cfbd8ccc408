import {
  type MatchVerdict,
  newTurnRecord,
  type ResolutionReason,
  type ToolInsight,
  type TurnRecord,
  type TurnSubject,
} from '../domain/turn-record.js';
import type { ModelCallRecord } from '../model/language-model.js';
import type { TurnRecordStore } from '../store/ports.js';
import { errorMessage } from '../util/error-message.js';
import { generateId } from '../util/ids.js';
import { nowIso } from '../util/time.js';

/**
 * Builds a turn's decision record as the turn goes, and persists it. Stage timings come from
 * {@link TurnRecorder.stage}, so every stage is measured the same way.
 */
export class TurnRecorder {
  readonly record: TurnRecord;
  readonly #store: TurnRecordStore;
  #describe: ((record: TurnRecord) => TurnSubject[]) | undefined;

  constructor(
    store: TurnRecordStore,
    ids: { sessionId: string; agentId: string; traceId: string },
  ) {
    this.#store = store;
    this.record = newTurnRecord({ id: generateId(), ...ids, startedAt: nowIso() });
  }

  /** Runs `work` as a named stage and records how long it took (also when it throws). */
  async stage<T>(name: string, work: () => Promise<T>): Promise<T> {
    const startedAt = nowIso();
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.record.stages.push({ name, startedAt, durationMs: performance.now() - start });
    }
  }

  /** Records a model call (wire this to the model recorder of the turn). */
  modelCall(call: ModelCallRecord): void {
    this.record.modelCalls.push({ ...call, traceId: call.traceId ?? this.record.traceId });
  }

  verdicts(verdicts: MatchVerdict[]): void {
    this.record.verdicts.push(...verdicts);
  }

  resolution(reasons: ResolutionReason[]): void {
    this.record.resolution.push(...reasons);
  }

  insights(insights: ToolInsight[]): void {
    this.record.insights.push(...insights);
  }

  error(stage: string, error: unknown): void {
    const code =
      typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : null;
    this.record.errors.push({ stage, message: errorMessage(error), code });
  }

  note(note: string): void {
    this.record.notes.push(note);
  }

  /**
   * How to describe the entities the record names (see `describeSubjects`): applied at every
   * save, so the record names what it has gained since.
   */
  describeWith(describe: (record: TurnRecord) => TurnSubject[]): void {
    this.#describe = describe;
  }

  /** Saves the record as it is now (e.g. after after-reply work added to it). */
  async save(): Promise<TurnRecord> {
    this.#updateSubjects();
    return this.#store.save(this.record);
  }

  #updateSubjects(): void {
    if (this.#describe !== undefined) this.record.subjects = this.#describe(this.record);
  }

  /** Marks the turn finished and saves the record (through `via`, e.g. a transaction). */
  async finish(
    status: TurnRecord['status'],
    eventIds: readonly string[],
    via: TurnRecordStore = this.#store,
  ): Promise<TurnRecord> {
    this.record.status = status;
    this.record.endedAt = nowIso();
    this.record.eventIds = [...eventIds];
    this.#updateSubjects();
    return via.save(this.record);
  }
}
