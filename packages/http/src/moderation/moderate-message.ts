import type { Moderator } from '@conduct/core';
import { errorMessage } from '@conduct/core';
import { HttpError } from '../errors.js';
import type { ModerationOptions } from './moderation-options.js';

/**
 * The `moderation` query value of `POST /sessions/{id}/events` (docs/compatibility.md#moderation).
 */
export type ModerationLevel = 'none' | 'auto' | 'paranoid';

/** What a check decided: stored on the message as `flagged` and `tags`. */
export interface ModerationVerdict {
  flagged: boolean;
  /** Categories, e.g. `harassment`, `violence`, `jailbreak` (sub-categories folded in). */
  tags: string[];
}

const NOT_FLAGGED: ModerationVerdict = { flagged: false, tags: [] };

function unavailable(level: ModerationLevel, what: string): never {
  throw new HttpError(422, [
    {
      type: 'value_error',
      loc: ['query', 'moderation'],
      msg: `moderation=${level} needs ${what}, and this server has none configured; send moderation=none, or configure one (createConductApp({ moderation }); the server wires OpenAI's moderator when OPENAI_API_KEY is set)`,
      input: level,
    },
  ]);
}

/**
 * Rejects (422, naming the parameter) a level this app cannot honour. Asking for moderation
 * and silently getting none would be worse than a clear error: a caller that wants flagged
 * messages withheld must know when they are not.
 */
export function ensureModerationAvailable(
  options: ModerationOptions,
  level: ModerationLevel,
): void {
  if (level === 'none') return;
  if (options.moderator === undefined) unavailable(level, 'a moderator');
  if (level === 'paranoid' && options.jailbreakDetector === undefined) {
    unavailable(level, 'a jailbreak detector');
  }
}

async function check(
  moderator: Moderator,
  text: string,
  traceId: string,
  signal: AbortSignal | undefined,
): Promise<ModerationVerdict> {
  try {
    const result = await moderator.moderate({
      text,
      traceId,
      ...(signal === undefined ? {} : { signal }),
    });
    return { flagged: result.flagged, tags: result.categories };
  } catch (error) {
    const reason = errorMessage(error);
    throw new HttpError(
      503,
      `Moderation failed (${moderator.provider}): ${reason}; the message was not stored, try again`,
    );
  }
}

/** `harassment/threatening` → `harassment`, as the reference's tag set has no sub-categories. */
function foldCategory(category: string): string {
  return category.split('/')[0] ?? category;
}

/**
 * Checks a customer message at `level` (after {@link ensureModerationAvailable}): `auto` asks
 * the moderator; `paranoid` also asks the jailbreak detector, in parallel, and adds the tag
 * `jailbreak` when it flags. A failing check is a 503 and nothing is stored (fail closed).
 */
export async function moderateMessage(
  options: ModerationOptions,
  level: ModerationLevel,
  text: string,
  traceId: string,
  signal?: AbortSignal,
): Promise<ModerationVerdict> {
  if (level === 'none' || options.moderator === undefined) return NOT_FLAGGED;
  const checks = [check(options.moderator, text, traceId, signal)];
  if (level === 'paranoid' && options.jailbreakDetector !== undefined) {
    checks.push(
      check(options.jailbreakDetector, text, traceId, signal).then((verdict) => ({
        flagged: verdict.flagged,
        tags: verdict.flagged ? ['jailbreak'] : [],
      })),
    );
  }
  const verdicts = await Promise.all(checks);
  const flagged = verdicts.some((verdict) => verdict.flagged);
  const tags = [...new Set(verdicts.flatMap((verdict) => verdict.tags.map(foldCategory)))];
  return flagged ? { flagged, tags } : NOT_FLAGGED;
}
