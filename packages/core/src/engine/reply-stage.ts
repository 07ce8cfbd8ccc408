import type { MessageEvent } from '../domain/event.js';
import type { TextFinishReason } from '../model/language-model.js';
import { errorMessage } from '../util/error-message.js';
import type { Composer, MatchedGuideline } from './composer.js';
import { runHooks } from './hooks.js';
import type { TurnRecorder } from './turn-recorder.js';
import type { TurnScope } from './turn-scope.js';

/** Record error code of a reply whose text was cut off (its message has `truncated: true`). */
export const REPLY_TRUNCATED = 'reply_truncated';

/** The reply that was sent, if any. */
export interface SentReply {
  event: MessageEvent | undefined;
  text: string;
}

/** What {@link composeAndSend} sends. */
export interface ReplyInput {
  composer: Composer;
  /** The matched guidelines (with their rationales) and the tools' transient guidelines. */
  guidelines: MatchedGuideline[];
}

/**
 * Writes and sends the reply (docs/architecture.md#the-turn, steps 7–8). The turn commits
 * (`start.commit`) right before the first byte of the reply is emitted: up to then a newer
 * customer message may cancel the turn, after it the reply is always completed. In `stream` mode
 * the first delta creates the message event and later ones update it in place, ending with a
 * `null` chunk; in `block` mode the whole text is generated first (and offered to `draft` hooks) and sent as one event — as it is in
 * `stream` mode too when the composer `sendsWhole` (canned modes: never stream a draft).
 *
 * A cut-off reply is marked `truncated` (and recorded as a `reply_truncated` error): in
 * `stream` mode when the model stream fails after text went out (the turn then still fails);
 * in either mode when the model stopped at its token limit or a content filter. In `block`
 * mode a stream that fails sends nothing: the turn fails before any of it is shown.
 */
export async function composeAndSend(
  scope: TurnScope,
  input: ReplyInput,
): Promise<SentReply | undefined> {
  const { deps, context, emitter, recorder, start } = scope;
  const { composer } = input;
  if (composer.sendsWhole === true) await emitter.status('processing', { stage: 'Articulating' });
  await emitter.status('typing', {});
  const reply = composer.compose({ context, guidelines: input.guidelines });

  if (context.agent.outputMode === 'stream' && composer.sendsWhole !== true) {
    const stream = emitter.stream();
    let committed = false;
    let sent = 0;
    try {
      for await (const delta of reply.deltas) {
        if (!committed) {
          context.signal.throwIfAborted();
          start.commit();
          committed = true;
        }
        await stream.write(delta);
        sent += delta.length;
      }
    } catch (error) {
      // Close a half-streamed message so clients waiting for its final chunk stop waiting, and
      // mark it cut off; the turn's `error` status follows.
      const event = await stream.end({ truncated: true }).catch(() => undefined);
      if (event !== undefined) {
        recordTruncation(
          recorder,
          event,
          `the model stream failed after ${sent} characters (${errorMessage(error)})`,
        );
      }
      throw error;
    }
    const { text, finishReason } = await reply.done;
    const cut = cutOff(finishReason);
    const event = await stream.end({ truncated: cut !== undefined });
    if (event !== undefined && cut !== undefined) recordTruncation(recorder, event, cut);
    return { event, text };
  }

  for await (const _ of reply.deltas) {
    // Block mode: the text is sent whole once it is complete.
  }
  const done = await reply.done;
  context.signal.throwIfAborted();
  const draft = { text: done.text };
  if ((await runHooks(deps.hooks?.draft, context, draft)) === 'bail') return undefined;
  if (draft.text.trim() === '') return { event: undefined, text: '' };
  // Draft hooks may be slow: a newer message that arrived meanwhile still wins.
  context.signal.throwIfAborted();
  start.commit();
  const cut = cutOff(done.finishReason);
  const extra = cut === undefined ? done.extra : { ...done.extra, truncated: true };
  const event = await emitter.message(draft.text, extra);
  if (cut !== undefined) recordTruncation(recorder, event, cut);
  return { event, text: draft.text };
}

/**
 * Sends a configured reply as is (one complete message, in either output mode), e.g. the
 * fallback reply of the unevaluated-guidelines policy.
 */
export async function sendFallbackReply(scope: TurnScope, text: string): Promise<MessageEvent> {
  const { context, emitter, start } = scope;
  await emitter.status('typing', {});
  context.signal.throwIfAborted();
  start.commit();
  return emitter.message(text);
}

/** Why a finish reason means the text is cut off, or `undefined` when it is complete. */
function cutOff(reason: TextFinishReason | undefined): string | undefined {
  if (reason === 'max-tokens') return 'the model reached its output-token limit';
  if (reason === 'content-filter') return "the provider's content filter stopped the model";
  return undefined;
}

function recordTruncation(recorder: TurnRecorder, event: MessageEvent, why: string): void {
  recorder.record.errors.push({
    stage: 'compose',
    message: `The reply was cut off: ${why}; message event ${event.id} is marked truncated`,
    code: REPLY_TRUNCATED,
  });
}
