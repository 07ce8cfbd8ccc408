import {
  errorMessage,
  type Guideline,
  latestCustomerText,
  type MatchingStrategy,
  type StrategyResult,
} from '@conduct/core';

/** A keyword (matched case-insensitively as whole words) or a regular expression (as given). */
export type KeywordPattern = string | RegExp;

/** Options of {@link keywordStrategy}. */
export interface KeywordStrategyOptions {
  /** Patterns by guideline id. */
  patterns?: Readonly<Record<string, KeywordPattern | readonly KeywordPattern[]>>;
  /**
   * Also read `metadata.keywords` (string[]) and `metadata.pattern` (a regular expression
   * source, compiled case-insensitively) of each guideline. Default true.
   */
  fromMetadata?: boolean;
  /** Strategy name in decision records. Default `keyword`. */
  name?: string;
}

/**
 * Matches a guideline when its keywords or patterns occur in the latest customer message; no
 * model call. Takes only guidelines that have patterns (by id, or in their metadata). A
 * malformed `metadata.pattern` leaves its guideline unevaluated, with the error.
 *
 * @example
 * keywordStrategy({ patterns: { [cancelId]: ['cancel', 'unsubscribe', /opt[- ]?out/i] } })
 */
export function keywordStrategy(options: KeywordStrategyOptions = {}): MatchingStrategy {
  const byId = options.patterns ?? {};
  const fromMetadata = options.fromMetadata ?? true;
  const compiled = new Map<string, RegExp | Error>();

  const patternsOf = (guideline: Guideline): { patterns: KeywordPattern[]; error?: string } => {
    const own = byId[guideline.id];
    // A blank keyword would match every message.
    const patterns = (own === undefined ? [] : [own].flat()).filter(
      (p) => typeof p !== 'string' || p.trim() !== '',
    );
    if (!fromMetadata) return { patterns };
    const { keywords, pattern } = guideline.metadata;
    if (Array.isArray(keywords)) {
      patterns.push(
        ...keywords.filter((k): k is string => typeof k === 'string' && k.trim() !== ''),
      );
    }
    if (typeof pattern !== 'string') return { patterns };
    const regex = compileSource(pattern, compiled);
    if (regex instanceof Error) return { patterns, error: regex.message };
    patterns.push(regex);
    return { patterns };
  };

  return {
    name: options.name ?? 'keyword',
    handles: (guideline) => {
      const { patterns, error } = patternsOf(guideline);
      return patterns.length > 0 || error !== undefined;
    },
    async evaluate(guidelines, context) {
      const message = latestCustomerText(context.history);
      const result: Required<StrategyResult> = { verdicts: [], unevaluated: [] };
      for (const guideline of guidelines) {
        const { patterns, error } = patternsOf(guideline);
        if (error !== undefined) {
          result.unevaluated.push({ guidelineId: guideline.id, error });
          continue;
        }
        const hit = findHit(patterns, message);
        result.verdicts.push({
          guidelineId: guideline.id,
          matched: hit !== undefined,
          rationale:
            hit === undefined
              ? 'no keyword in the latest customer message'
              : `the customer wrote "${hit}"`,
        });
      }
      return result;
    },
  };
}

function findHit(patterns: readonly KeywordPattern[], message: string): string | undefined {
  for (const pattern of patterns) {
    const regex = typeof pattern === 'string' ? keywordRegex(pattern) : stateless(pattern);
    const match = regex.exec(message);
    if (match !== null) return match[0];
  }
  return undefined;
}

// `\b` only knows ASCII word characters; these boundaries also hold for "café" or "c++".
function keywordRegex(keyword: string): RegExp {
  const body = keyword
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, 'iu');
}

// A global or sticky regex remembers `lastIndex` between calls; matching must not.
function stateless(regex: RegExp): RegExp {
  return regex.global || regex.sticky
    ? new RegExp(regex.source, regex.flags.replace(/[gy]/g, ''))
    : regex;
}

function compileSource(source: string, cache: Map<string, RegExp | Error>): RegExp | Error {
  let compiled = cache.get(source);
  if (compiled === undefined) {
    try {
      compiled = new RegExp(source, 'i');
    } catch (error) {
      compiled = new Error(
        `invalid metadata.pattern ${JSON.stringify(source)}: ${errorMessage(error)}`,
      );
    }
    cache.set(source, compiled);
  }
  return compiled;
}
