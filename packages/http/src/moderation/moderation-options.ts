import type { Moderator } from '@conduct/core';

/** How customer messages are checked when a request asks for `moderation=auto|paranoid`. */
export interface ModerationOptions {
  /** Checks a message for harmful content (`moderation=auto`, and first in `paranoid`). */
  moderator?: Moderator;
  /**
   * The extra check of `moderation=paranoid`: flags jailbreak and prompt-injection attempts
   * (a flagged verdict adds the tag `jailbreak`). See `createModelJailbreakDetector`.
   */
  jailbreakDetector?: Moderator;
}
