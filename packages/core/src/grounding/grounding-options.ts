/** Tuning of the grounding a turn gathers (glossary, variables, capabilities, retrievers). */
export interface GroundingOptions {
  /** How many of the latest conversation messages decide which terms and capabilities apply. Default 6. */
  recentMessages?: number;
  /** Most glossary terms given to a turn's prompts. Default 20. */
  maxTerms?: number;
  /** Most capabilities given to the composer. Default 5. */
  maxCapabilities?: number;
  /**
   * With an embedder: terms and capabilities at least this similar (cosine) to the recent
   * conversation are relevant even when none of their words occur in it. Default 0.35.
   */
  minSimilarity?: number;
  /** Timeout of a retriever that sets none, in ms. Default 5000. */
  retrieverTimeoutMs?: number;
  /** The clock variable freshness is judged by. Default: the system clock. */
  now?: () => Date;
}

/** {@link GroundingOptions} with every default applied. */
export type ResolvedGroundingOptions = Required<GroundingOptions>;

/** Default retriever timeout in ms. */
export const DEFAULT_RETRIEVER_TIMEOUT_MS = 5_000;

/** Applies the defaults of {@link GroundingOptions}. */
export function resolveGroundingOptions(options: GroundingOptions = {}): ResolvedGroundingOptions {
  return {
    recentMessages: options.recentMessages ?? 6,
    maxTerms: options.maxTerms ?? 20,
    maxCapabilities: options.maxCapabilities ?? 5,
    minSimilarity: options.minSimilarity ?? 0.35,
    retrieverTimeoutMs: options.retrieverTimeoutMs ?? DEFAULT_RETRIEVER_TIMEOUT_MS,
    now: options.now ?? (() => new Date()),
  };
}
