import { ConductError, type ConductErrorOptions } from './conduct-error.js';

/** An entity looked up by id does not exist. */
export class NotFoundError extends ConductError {
  static readonly code = 'not_found';
  /** Kind of entity, e.g. `session`. */
  readonly entity: string;
  /** The id that was not found. */
  readonly id: string;

  constructor(entity: string, id: string, options?: ConductErrorOptions) {
    super(NotFoundError.code, `${capitalize(entity)} not found (id='${id}')`, options);
    this.entity = entity;
    this.id = id;
  }
}

/** Creating an entity failed because its (custom) id is already taken. */
export class ConflictError extends ConductError {
  static readonly code = 'conflict';
  readonly entity: string;
  readonly id: string;

  constructor(entity: string, id: string, options?: ConductErrorOptions) {
    super(ConflictError.code, `${capitalize(entity)} already exists (id='${id}')`, options);
    this.entity = entity;
    this.id = id;
  }
}

/** One problem found while validating input. */
export interface ValidationIssue {
  /** Where the problem is, e.g. `['body', 'agent_id']`. */
  path: (string | number)[];
  /** Human-readable description. */
  message: string;
  /** Machine-readable kind, e.g. `invalid_type`, `missing`. */
  type: string;
}

/** Input given by a caller is invalid; `issues` says where and why. */
export class ValidationError extends ConductError {
  static readonly code = 'validation';
  readonly issues: ValidationIssue[];

  constructor(message: string, issues: ValidationIssue[] = [], options?: ConductErrorOptions) {
    super(ValidationError.code, message, options);
    this.issues = issues;
  }
}

/** The project is configured in a way that cannot work; the message says what to change. */
export class ConfigurationError extends ConductError {
  static readonly code = 'configuration';

  constructor(message: string, options?: ConductErrorOptions) {
    super(ConfigurationError.code, message, options);
  }
}

/** An operation took longer than allowed. */
export class TimeoutError extends ConductError {
  static readonly code = 'timeout';
  readonly timeoutMs: number;

  constructor(operation: string, timeoutMs: number, options?: ConductErrorOptions) {
    super(TimeoutError.code, `${operation} timed out after ${timeoutMs} ms`, options);
    this.timeoutMs = timeoutMs;
  }
}

/** An operation was cancelled through its `AbortSignal`. */
export class AbortedError extends ConductError {
  static readonly code = 'aborted';

  constructor(operation: string, options?: ConductErrorOptions) {
    super(AbortedError.code, `${operation} was aborted`, options);
  }
}

/** A language model, embedder or moderator call failed. */
export class ModelError extends ConductError {
  static readonly code = 'model';
  /** Task the call was made for, e.g. `actionable`. */
  readonly task: string | undefined;
  /** Model id, e.g. `gpt-4.1-mini`. */
  readonly model: string | undefined;
  /** HTTP status from the provider, when there was one. */
  readonly status: number | undefined;
  /** True when trying again (later) may succeed: rate limits, 5xx, connection errors. */
  readonly isRetryable: boolean;
  /** How long the provider asked to wait before retrying (`Retry-After`), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    details: {
      task?: string;
      model?: string;
      status?: number;
      isRetryable?: boolean;
      retryAfterMs?: number;
    } = {},
    options?: ConductErrorOptions,
  ) {
    super(ModelError.code, message, options);
    this.task = details.task;
    this.model = details.model;
    this.status = details.status;
    this.isRetryable = details.isRetryable ?? false;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** A model answered, but its output did not match the requested schema (after any repair). */
export class ModelOutputError extends ConductError {
  static readonly code = 'model_output';
  readonly task: string | undefined;
  /** The raw text the model returned. */
  readonly output: string;
  readonly issues: ValidationIssue[];

  constructor(
    message: string,
    details: { task?: string; output: string; issues?: ValidationIssue[] },
    options?: ConductErrorOptions,
  ) {
    super(ModelOutputError.code, message, options);
    this.task = details.task;
    this.output = details.output;
    this.issues = details.issues ?? [];
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * High-criticality guidelines could not be evaluated (their matching call failed), and the
 * engine's `unevaluated` options say to fail the turn rather than reply without them.
 */
export class UnevaluatedGuidelinesError extends ConductError {
  static readonly code = 'unevaluated_guidelines';
  readonly guidelineIds: string[];

  constructor(guidelineIds: string[], options?: ConductErrorOptions) {
    super(
      UnevaluatedGuidelinesError.code,
      `Could not evaluate high-criticality guideline(s) ${guidelineIds.join(', ')} (their matching call failed); the turn was stopped rather than reply without them (engine option unevaluated.onHighCriticality)`,
      options,
    );
    this.guidelineIds = guidelineIds;
  }
}

/**
 * `store.transaction` was called from inside another transaction's work. Transactions do not
 * nest: waiting for the inner one would wait forever for the outer one to end.
 */
export class NestedTransactionError extends ConductError {
  static readonly code = 'nested_transaction';

  constructor(options?: ConductErrorOptions) {
    super(
      NestedTransactionError.code,
      "store.transaction() was called inside another transaction's work: transactions do not nest. Write through the outer transaction's view (`tx`), or start the second transaction after the first has ended",
      options,
    );
  }
}

/**
 * An idempotency key was presented again with a different request: a retry must repeat the
 * request that first used the key (`fingerprint` differs), so nothing was stored.
 */
export class IdempotencyKeyReusedError extends ConductError {
  static readonly code = 'idempotency_key_reused';
  /** The key that was reused. */
  readonly key: string;
  /** The session the key belongs to. */
  readonly sessionId: string;

  constructor(sessionId: string, key: string, options?: ConductErrorOptions) {
    super(
      IdempotencyKeyReusedError.code,
      `Idempotency key '${key}' was already used in session '${sessionId}' for a different request`,
      options,
    );
    this.key = key;
    this.sessionId = sessionId;
  }
}

/** How far an agent is out of service (see `EngineDependencies.agentAccess`). */
export type AgentAccessMode = 'read-only' | 'disabled';

/**
 * An agent that is out of service was asked to answer (a customer message, a new session): its
 * defining module is not loaded, or it names tools nothing registers. Nothing was stored.
 */
export class AgentUnavailableError extends ConductError {
  static readonly code = 'agent_unavailable';
  readonly agentId: string;
  readonly mode: AgentAccessMode;
  /** Why it is out of service, e.g. "its agent module is not loaded". */
  readonly reason: string;

  constructor(
    agentId: string,
    access: { mode: AgentAccessMode; reason: string },
    options?: ConductErrorOptions,
  ) {
    super(
      AgentUnavailableError.code,
      `Agent '${agentId}' is ${access.mode}: ${access.reason}. Its sessions ${access.mode === 'read-only' ? 'can be read, but it answers no new messages' : 'are not served'}`,
      options,
    );
    this.agentId = agentId;
    this.mode = access.mode;
    this.reason = access.reason;
  }
}

/**
 * A turn met a guideline naming a tool no one registered: the tool could not run, so the reply
 * lacks what it would have told. A configuration problem, reported to `onError`.
 */
export class UnknownToolError extends ConfigurationError {
  readonly tool: string;
  /** What names the tool, e.g. `Guideline 'refund'` or `Journey 'claim' state 'lookup'`. */
  readonly owner: string;

  constructor(options: { tool: string; owner: string }) {
    super(
      `${options.owner} names tool '${options.tool}', which is not registered: it could not run (register it with a module, or remove it from there)`,
    );
    this.tool = options.tool;
    this.owner = options.owner;
  }
}
