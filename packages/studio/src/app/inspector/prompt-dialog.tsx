import { useEffect, useRef } from 'react';
import type { ModelCall } from '../api/types.js';

/** The full prompt and output of one model call. */
export function PromptDialog({
  call,
  onClose,
}: {
  call: ModelCall | undefined;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (call && !element.open) element.showModal();
    if (!call && element.open) element.close();
  }, [call]);
  return (
    <dialog ref={dialog} className="prompt-dialog" onClose={onClose} aria-labelledby="prompt-title">
      {call && (
        <>
          <header>
            <h2 id="prompt-title">
              {call.task} · {call.model}
            </h2>
            <button type="button" onClick={onClose} aria-label="Close">
              ✕
            </button>
          </header>
          <p className="hint">
            {call.provider} · {Math.round(call.latency_ms)} ms · {call.usage.input_tokens} tokens in
            ({call.usage.cached_input_tokens} cached), {call.usage.output_tokens} out
          </p>
          {call.messages.map((message, index) => (
            <section key={`${message.role}-${index}`} className="prompt-message">
              <h3>
                {message.role}
                {message.cache_breakpoint && <span className="badge">cache breakpoint</span>}
              </h3>
              <pre>{message.content}</pre>
            </section>
          ))}
          <section className="prompt-message output">
            <h3>output</h3>
            <pre>{call.error ? `Error: ${call.error}` : (call.output ?? '(none recorded)')}</pre>
          </section>
        </>
      )}
    </dialog>
  );
}
