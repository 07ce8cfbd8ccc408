import { AsyncLocalStorage } from 'node:async_hooks';
import { ConfigurationError, type LanguageModel, type ModelMessage } from '@conduct/core';
import { type CallPosition, CassetteMissError, describePosition } from './cassette-errors.js';
import {
  type CassetteData,
  type CassetteEntry,
  readCassetteFile,
  writeCassetteFile,
} from './cassette-file.js';
import { cassetteModel } from './cassette-model.js';
import { changedLineCount, promptDiff } from './prompt-diff.js';
import {
  DEFAULT_PROMPT_REWRITES,
  hashPrompt,
  normalizePrompt,
  type PromptRewrite,
  type StoredMessage,
} from './prompt-key.js';

/**
 * `replay`: answer only from the cassette; a call it has no recording of fails.
 * `record`: send every call to the real model and write the cassette anew from this run.
 * `auto`: replay what the cassette has, send the rest to the real model and add it.
 */
export type CassetteMode = 'record' | 'replay' | 'auto';

/** Options of {@link openCassette}. */
export interface CassetteOptions {
  /** The cassette file (JSON). In `replay` mode it must exist. */
  path: string;
  mode: CassetteMode;
  /**
   * Rewrites applied to prompt text before it is hashed and stored (what varies between runs
   * without changing the question). Default: {@link DEFAULT_PROMPT_REWRITES}.
   */
  rewrites?: readonly PromptRewrite[];
}

/** A call of this run whose recording at the same position has a different prompt or schema. */
export interface ChangedCall extends CallPosition {
  /** Prompt hash recorded at this position, and the one sent now. */
  recordedHash: string;
  currentHash: string;
  /** Whether the output schema changed (the prompt may be the same). */
  schemaChanged: boolean;
  /** A unified-diff excerpt of the recorded prompt against the current one. */
  diff: string;
}

/** What a run did with its cassette. */
export interface CassetteReport {
  path: string;
  mode: CassetteMode;
  /** Calls answered from the cassette. */
  replayed: number;
  /** Calls sent to the real model and recorded. */
  recorded: number;
  /** Calls in `replay` mode the cassette could not answer (each failed its call). */
  missed: CallPosition[];
  /** Calls whose prompt (or schema) differs from the recording at the same position. */
  changed: ChangedCall[];
  /** Recorded calls this run did not make (at their position, and not by key elsewhere). */
  unused: CallPosition[];
}

/** A model call as the cassette sees it: where it stands and what it asks. */
export interface CassetteCall extends CallPosition {
  kind: 'object' | 'text';
  schema: string | undefined;
  prompt: StoredMessage[];
  promptHash: string;
}

/**
 * A recording of model calls. Wrap the real model with {@link Cassette.wrap}, run, then
 * {@link Cassette.save} and read {@link Cassette.report}. Calls are keyed by task, a hash of the
 * normalized prompt and the output schema's identity; a call's position (its task's n-th call in
 * its scope) pairs it with the recording it replaces, for the changed-calls report.
 */
export class Cassette {
  readonly path: string;
  readonly mode: CassetteMode;
  readonly #rewrites: readonly PromptRewrite[];
  readonly #previous: CassetteEntry[];
  #entries: CassetteEntry[];
  readonly #smallTasks: Set<string>;
  readonly #used = new Set<CassetteEntry>();
  readonly #counters = new Map<string, number>();
  readonly #placed = new Set<string>();
  readonly #scope = new AsyncLocalStorage<string>();
  readonly #pending = new Set<Promise<unknown>>();
  readonly #missed: CallPosition[] = [];
  readonly #changed: ChangedCall[] = [];
  #replayed = 0;
  #recorded = 0;
  #dirty = false;

  /** Use {@link openCassette}. */
  constructor(options: CassetteOptions & { data: CassetteData }) {
    this.path = options.path;
    this.mode = options.mode;
    this.#rewrites = options.rewrites ?? DEFAULT_PROMPT_REWRITES;
    this.#previous = options.data.calls;
    this.#entries = options.mode === 'record' ? [] : [...options.data.calls];
    this.#smallTasks = new Set(options.mode === 'record' ? [] : options.data.smallTasks);
  }

  /**
   * The model to give the engine. In `replay` mode `model` may be omitted (every call must be
   * in the cassette); `record` and `auto` need the real model.
   */
  wrap(model?: LanguageModel): LanguageModel {
    if (model === undefined && this.mode !== 'replay') {
      throw new ConfigurationError(
        `Cassette mode '${this.mode}' needs a real model to record with; only 'replay' works without one`,
      );
    }
    return cassetteModel({ cassette: this, model });
  }

  /**
   * Runs `run` with its model calls counted in their own scope (e.g. one per scenario), so a
   * call's position does not depend on what ran before it.
   */
  scope<T>(name: string, run: () => Promise<T>): Promise<T> {
    return this.#scope.run(name, run);
  }

  /** Whether the recorded model marked `task` small (replayed prompts must match). */
  isSmall(task: string): boolean {
    return this.#smallTasks.has(task);
  }

  /** Notes that the real model marks `task` small. */
  markSmall(task: string): void {
    if (this.#smallTasks.has(task)) return;
    this.#smallTasks.add(task);
    this.#dirty = true;
  }

  /** Places a starting call: its scope, task and position, and its normalized prompt. */
  place(input: {
    task: string;
    kind: 'object' | 'text';
    schema: string | undefined;
    messages: readonly ModelMessage[];
  }): CassetteCall {
    const scope = this.#scope.getStore() ?? '';
    const counter = `${scope}\u0000${input.task}`;
    const order = this.#counters.get(counter) ?? 0;
    this.#counters.set(counter, order + 1);
    this.#placed.add(positionKey({ scope, task: input.task, order }));
    const prompt = normalizePrompt(input.messages, this.#rewrites);
    return {
      scope,
      task: input.task,
      order,
      kind: input.kind,
      schema: input.schema,
      prompt,
      promptHash: hashPrompt(prompt),
    };
  }

  /**
   * The recording that answers `call`, or `undefined`. The one at the call's position wins; else
   * one recorded elsewhere in its scope with the same key (a repeated run asks the same again),
   * else one in another scope (a scope this recording did not have, e.g. an extra repetition).
   * Unused recordings are preferred to used ones.
   */
  lookup(call: CassetteCall): CassetteEntry | undefined {
    if (this.mode === 'record') {
      this.#noteChange(call);
      return undefined;
    }
    const sameKey = this.#entries.filter(
      (entry) =>
        entry.task === call.task &&
        entry.kind === call.kind &&
        entry.schema === call.schema &&
        entry.promptHash === call.promptHash,
    );
    const sameScope = sameKey.filter((entry) => entry.scope === call.scope);
    const unused = (entry: CassetteEntry) => !this.#used.has(entry);
    const found =
      sameScope.find((entry) => entry.order === call.order) ??
      sameScope.find(unused) ??
      sameScope[0] ??
      sameKey.find(unused) ??
      sameKey[0];
    if (found !== undefined) {
      this.#used.add(found);
      this.#replayed++;
      return found;
    }
    this.#noteChange(call);
    return undefined;
  }

  /** The error for a call `replay` mode cannot answer (also listed in the report). */
  miss(call: CassetteCall): CassetteMissError {
    this.#missed.push(positionOf(call));
    const nearest = this.#nearest(call);
    const diff =
      nearest === undefined
        ? undefined
        : promptDiff({
            recorded: nearest.prompt,
            current: call.prompt,
            recordedLabel: `recorded: ${describePosition(nearest)} (prompt ${nearest.promptHash})`,
            currentLabel: `now: ${describePosition(call)} (prompt ${call.promptHash})`,
            maxLines: 30,
          });
    return new CassetteMissError({ cassette: this.path, position: positionOf(call), diff });
  }

  /** Stores what the real model answered to `call`. */
  record(
    call: CassetteCall,
    answer: Pick<CassetteEntry, 'model' | 'value' | 'text' | 'finishReason'>,
  ): void {
    const entry: CassetteEntry = {
      scope: call.scope,
      task: call.task,
      order: call.order,
      kind: call.kind,
      ...(call.schema === undefined ? {} : { schema: call.schema }),
      promptHash: call.promptHash,
      prompt: call.prompt,
      model: answer.model,
      ...(answer.value === undefined ? {} : { value: answer.value }),
      ...(answer.text === undefined ? {} : { text: answer.text }),
      ...(answer.finishReason === undefined ? {} : { finishReason: answer.finishReason }),
    };
    const atPosition = this.#entries.find((other) => samePosition(other, call));
    if (atPosition !== undefined) {
      if (this.#used.has(atPosition)) {
        entry.order =
          1 + Math.max(...this.#entries.filter((o) => sameTask(o, call)).map((o) => o.order));
      } else {
        // Not replayed by anything in this run: the recording this call replaces.
        this.#entries = this.#entries.filter((other) => other !== atPosition);
      }
    }
    this.#entries.push(entry);
    this.#used.add(entry);
    this.#recorded++;
    this.#dirty = true;
  }

  /** Keeps `save` waiting for a recording still in flight (a stream not yet ended). */
  track(recording: Promise<unknown>): void {
    this.#pending.add(recording);
    recording.then(
      () => this.#pending.delete(recording),
      () => this.#pending.delete(recording),
    );
  }

  /**
   * Writes the cassette when this run recorded something (`record`, `auto`); `replay` never
   * writes. Resolves with whether it wrote.
   */
  async save(): Promise<boolean> {
    await Promise.allSettled([...this.#pending]);
    if (this.mode === 'replay' || !this.#dirty) return false;
    await writeCassetteFile(this.path, {
      smallTasks: [...this.#smallTasks],
      calls: this.#entries,
    });
    this.#dirty = false;
    return true;
  }

  /** What this run did with the cassette so far. */
  report(): CassetteReport {
    const unused = this.#previous
      .filter((entry) => !this.#used.has(entry) && !this.#placed.has(positionKey(entry)))
      .map(positionOf);
    return {
      path: this.path,
      mode: this.mode,
      replayed: this.#replayed,
      recorded: this.#recorded,
      missed: [...this.#missed],
      changed: [...this.#changed],
      unused,
    };
  }

  #noteChange(call: CassetteCall): void {
    const before = this.#previous.find((entry) => samePosition(entry, call));
    if (before !== undefined && !sameKey(before, call)) this.#pushChange(call, before);
  }

  #pushChange(call: CassetteCall, before: CassetteEntry): void {
    this.#changed.push({
      ...positionOf(call),
      recordedHash: before.promptHash,
      currentHash: call.promptHash,
      schemaChanged: before.schema !== call.schema,
      diff: promptDiff({
        recorded: before.prompt,
        current: call.prompt,
        recordedLabel: `recorded (prompt ${before.promptHash})`,
        currentLabel: `now (prompt ${call.promptHash})`,
        maxLines: 12,
      }),
    });
  }

  /** The recording to compare a missed call with: the one at its position, else the closest. */
  #nearest(call: CassetteCall): CassetteEntry | undefined {
    const atPosition = this.#previous.find((entry) => samePosition(entry, call));
    if (atPosition !== undefined) return atPosition;
    // Diffing costs; a few dozen recordings of one task are plenty to find a near one.
    const sameTask = this.#previous.filter((entry) => entry.task === call.task).slice(0, 50);
    let best: { entry: CassetteEntry; distance: number } | undefined;
    for (const entry of sameTask) {
      const distance = changedLineCount(entry.prompt, call.prompt);
      if (best === undefined || distance < best.distance) best = { entry, distance };
    }
    return best?.entry;
  }
}

/**
 * Opens a cassette. `replay` needs the file; `record` and `auto` start from an empty cassette
 * when it does not exist yet.
 */
export async function openCassette(options: CassetteOptions): Promise<Cassette> {
  const data = await readCassetteFile(options.path, options.mode !== 'replay');
  return new Cassette({ ...options, data });
}

function positionOf(call: CallPosition): CallPosition {
  return { scope: call.scope, task: call.task, order: call.order };
}

function positionKey(position: CallPosition): string {
  return `${position.scope}\u0000${position.task}\u0000${position.order}`;
}

function sameTask(a: CallPosition, b: CallPosition): boolean {
  return a.scope === b.scope && a.task === b.task;
}

function samePosition(a: CallPosition, b: CallPosition): boolean {
  return sameTask(a, b) && a.order === b.order;
}

function sameKey(entry: CassetteEntry, call: CassetteCall): boolean {
  return entry.promptHash === call.promptHash && entry.schema === call.schema;
}
