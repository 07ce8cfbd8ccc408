const marker = Symbol.for('conduct.error');

/** Options shared by every {@link ConductError}. */
export interface ConductErrorOptions {
  /** The underlying error, if this one wraps another. */
  cause?: unknown;
}

/**
 * Base class of every error Conduct throws on purpose.
 *
 * Use {@link ConductError.isInstance} rather than `instanceof` when the error may come from
 * another copy of the package (two versions in one `node_modules`, a bundled adapter, …):
 * it checks a global symbol, not the class identity.
 */
export class ConductError extends Error {
  /** Stable, machine-readable code, e.g. `not_found`. */
  readonly code: string;
  /** Brand checked by {@link ConductError.isInstance}. */
  readonly [marker] = true;

  constructor(code: string, message: string, options: ConductErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = new.target.name;
  }

  /** True for any Conduct error, whichever copy of the package created it. */
  static isInstance(value: unknown): value is ConductError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[marker] === true
    );
  }

  /**
   * Cross-package check for one subclass: `NotFoundError.is(err)` is true for any
   * `NotFoundError`, whichever copy of the package created it. Subclasses declare a static `code`.
   */
  static is<T extends abstract new (...args: never[]) => ConductError>(
    this: T,
    value: unknown,
  ): value is InstanceType<T> {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass `is` was called on.
    const code = (this as unknown as { code?: string }).code;
    return ConductError.isInstance(value) && (code === undefined || value.code === code);
  }
}
