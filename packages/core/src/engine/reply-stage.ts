import type { MessageEvent } from '../domain/event.js';
import type { Composer, MatchedGuideline } from './composer.js';
import type { EngineDependencies } from './engine-options.js';
import { runHooks } from './hooks.js';
import type { TurnContext } from './turn-context.js';
import type { TurnEmitter } from './turn-emitter.js';

/** The reply that was sent, if any. */
export interface SentReply {
  event: MessageEvent | undefined;
  text: string;
}

/**
 * Writes and sends the reply (DESIGN §4 steps 7–8). `commit` is called right before the first
 * byte of the reply is emitted: up to then a newer customer message may cancel the turn, after
 * it the reply is always completed. In `stream` mode the first delta creates the message event
 * and later ones update it in place, ending with a `null` chunk; in `block` mode the whole text
 * is generated first (and offered to `draft` hooks) and sent as one event — as it is in
 * `stream` mode too when the composer `sendsWhole` (canned modes: never stream a draft).
 */
export async function composeAndSend(
  deps: EngineDependencies,
  composer: Composer,
  context: TurnContext,
  guidelines: MatchedGuideline[],
  emitter: TurnEmitter,
  commit: () => void,
): Promise<SentReply | undefined> {
  if (composer.sendsWhole === true) await emitter.status('processing', { stage: 'Articulating' });
  await emitter.status('typing', {});
  const reply = composer.compose({ context, guidelines });

  if (context.agent.outputMode === 'stream' && composer.sendsWhole !== true) {
    const stream = emitter.stream();
    let committed = false;
    try {
      for await (const delta of reply.deltas) {
        if (!committed) {
          context.signal.throwIfAborted();
          commit();
          committed = true;
        }
        await stream.write(delta);
      }
    } catch (error) {
      // Close a half-streamed message so clients waiting for its final chunk stop waiting;
      // the turn's `error` status follows.
      await stream.end().catch(() => undefined);
      throw error;
    }
    const { text } = await reply.done;
    const event = await stream.end();
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
  commit();
  const event = await emitter.message(draft.text, done.extra);
  return { event, text: draft.text };
}
