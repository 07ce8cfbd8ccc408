/**
 * Who a tool call runs for. The engine fills it once per turn and adds a per-call `signal`.
 */
export interface ToolCallScope {
  /** The agent answering the customer. */
  readonly agentId: string;
  /** The session the turn belongs to. */
  readonly sessionId: string;
  /** The customer being served (`guest` when anonymous). */
  readonly customerId: string;
  /** The turn's trace id: log it to correlate the tool's own work with the turn. */
  readonly traceId: string;
}

/**
 * What a tool's `run` receives besides its arguments. Deliberately small: a tool that needs
 * stores or clients closes over them where it is defined.
 */
export interface ToolContext extends ToolCallScope {
  /**
   * Aborted when the call times out or the turn is cancelled (a newer customer message arrived).
   * Pass it to `fetch` and friends so abandoned work stops; `signal.reason` says why
   * (a `TimeoutError` or an `AbortedError`).
   */
  readonly signal: AbortSignal;
}
