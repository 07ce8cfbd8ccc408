import { createCallDeadline } from '../model/call-deadline.js';
import type { ModerateRequest, ModerationResult, Moderator } from '../model/language-model.js';

/** A word or phrase (matched whole, case-insensitively) or a regular expression. */
export type ModerationPattern = string | RegExp;

/** Options of {@link createScriptedModerator}. */
export interface ScriptedModeratorOptions {
  /** Patterns by category name, e.g. `{ harassment: ['idiot', /\bshut up\b/i] }`. */
  categories?: Readonly<Record<string, readonly ModerationPattern[]>>;
  /** Patterns flagged under the category `flagged`. */
  flag?: readonly ModerationPattern[];
}

/** One call made to a {@link ScriptedModerator}. */
export interface ScriptedModerationCall {
  request: ModerateRequest;
  result?: ModerationResult;
  error?: unknown;
}

/** The scripted test double of {@link Moderator}. See {@link createScriptedModerator}. */
export interface ScriptedModerator extends Moderator {
  /** Every call so far, oldest first. */
  readonly calls: readonly ScriptedModerationCall[];
  /** Forgets the recorded calls. */
  reset(): void;
}

/**
 * Creates a {@link Moderator} that flags a text when it matches a configured pattern; the
 * result lists each matching category once, in configuration order.
 */
export function createScriptedModerator(options: ScriptedModeratorOptions = {}): ScriptedModerator {
  const rules: [string, RegExp[]][] = Object.entries(options.categories ?? {}).map(
    ([category, patterns]) => [category, patterns.map(toRegExp)],
  );
  if (options.flag) rules.push(['flagged', options.flag.map(toRegExp)]);
  const calls: ScriptedModerationCall[] = [];

  return {
    provider: 'scripted',
    calls,
    reset: () => {
      calls.length = 0;
    },
    async moderate(request: ModerateRequest): Promise<ModerationResult> {
      const call: ScriptedModerationCall = { request };
      calls.push(call);
      const deadline = createCallDeadline(request, 'Scripted moderation');
      try {
        deadline.throwIfDone();
        const categories = rules
          .filter(([, patterns]) => patterns.some((pattern) => pattern.test(request.text)))
          .map(([category]) => category);
        call.result = { flagged: categories.length > 0, categories };
        return call.result;
      } catch (error) {
        call.error = error;
        throw error;
      } finally {
        deadline.dispose();
      }
    },
  };
}

function toRegExp(pattern: ModerationPattern): RegExp {
  // Global and sticky flags make `test` stateful (lastIndex), so they are dropped.
  if (pattern instanceof RegExp)
    return new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  const escaped = pattern
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu');
}
