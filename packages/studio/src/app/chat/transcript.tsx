import { useEffect, useRef } from 'react';
import type { MessageData, SessionEvent, StatusData, ToolCallData } from '../api/types.js';
import { JsonView } from '../ui/json-view.js';

/** Props of {@link Transcript}. */
export interface TranscriptProps {
  events: readonly SessionEvent[];
  /** The trace shown in the inspector, highlighted. */
  selectedTrace: string | undefined;
  onWhy: (traceId: string) => void;
}

const PREAMBLE_TAG = '__preamble__';

function messageText(data: MessageData): string {
  if (data.message) return data.message;
  return (data.chunks ?? []).filter((chunk): chunk is string => chunk !== null).join('');
}

function speakerOf(event: SessionEvent, data: MessageData): string {
  const name = data.participant?.display_name ?? '';
  switch (event.source) {
    case 'customer':
      return name || 'Customer';
    case 'human_agent':
      return `${name || 'Human agent'} (human)`;
    case 'human_agent_on_behalf_of_ai_agent':
      return `${name || 'Agent'} (written by a human)`;
    default:
      return name || 'Agent';
  }
}

function toolName(id: string): string {
  return id.includes(':') ? id.slice(id.indexOf(':') + 1) : id;
}

function Message({
  event,
  selected,
  onWhy,
}: {
  event: SessionEvent;
  selected: boolean;
  onWhy: TranscriptProps['onWhy'];
}) {
  const data = event.data as MessageData;
  const fromCustomer = event.source === 'customer';
  const preamble = data.tags?.includes(PREAMBLE_TAG) ?? false;
  const streaming = data.chunks !== undefined && data.chunks.at(-1) !== null;
  const explainable = event.source === 'ai_agent';
  const classes = [
    'message',
    fromCustomer ? 'from-customer' : 'from-agent',
    preamble ? 'preamble' : '',
    event.source.startsWith('human_agent') ? 'from-human' : '',
    selected ? 'selected' : '',
  ];
  return (
    <li
      className={classes.filter(Boolean).join(' ')}
      data-testid="message"
      data-source={event.source}
    >
      <div className="speaker">
        {speakerOf(event, data)}
        {preamble && <span className="badge">preamble</span>}
        {data.flagged && <span className="badge warn">flagged</span>}
        {data.truncated && <span className="badge warn">cut off</span>}
      </div>
      <div className="text" aria-busy={streaming}>
        {messageText(data)}
        {streaming && <span className="cursor" aria-hidden="true" />}
      </div>
      {explainable && !preamble && !streaming && (
        <button
          type="button"
          className="why"
          aria-pressed={selected}
          onClick={() => onWhy(event.trace_id)}
        >
          Why this reply?
        </button>
      )}
    </li>
  );
}

function ToolEvent({ event }: { event: SessionEvent }) {
  const calls = (event.data as { tool_calls?: ToolCallData[] }).tool_calls ?? [];
  return (
    <>
      {calls.map((call, index) => {
        const control = call.result?.control ?? {};
        const transfer = control.transfer as { agent_id?: string; agentId?: string } | undefined;
        return (
          <li key={`${event.id}-${index}`} className="tool-event" data-testid="tool-event">
            <details>
              <summary>
                Tool <strong>{toolName(call.tool_id)}</strong>
                <code>
                  (
                  {Object.entries(call.arguments)
                    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
                    .join(', ')}
                  )
                </code>
              </summary>
              <h4>Result</h4>
              <JsonView value={call.result?.data ?? null} />
              {call.result?.metadata && Object.keys(call.result.metadata).length > 0 && (
                <>
                  <h4>Metadata (for the UI)</h4>
                  <JsonView value={call.result.metadata} />
                </>
              )}
            </details>
            {control.mode === 'manual' && <p className="notice">Handed off to a human agent.</p>}
            {transfer && (
              <p className="notice">
                Transferred to agent {transfer.agent_id ?? transfer.agentId ?? '(unknown)'}.
              </p>
            )}
          </li>
        );
      })}
    </>
  );
}

function StatusLine({ event }: { event: SessionEvent }) {
  const status = event.data as StatusData;
  if (status.status === 'error') {
    return (
      <li className="status-line error" role="alert">
        The turn failed: {String(status.data?.exception ?? 'unknown error')}
      </li>
    );
  }
  if (status.status === 'cancelled') {
    return <li className="status-line">Turn cancelled: a newer message arrived.</li>;
  }
  return null;
}

/** The conversation: messages, tool calls, errors and cancellations, in order. */
export function Transcript({ events, selectedTrace, onWhy }: TranscriptProps) {
  const end = useRef<HTMLLIElement>(null);
  const last = events.at(-1);
  const lastText = last?.kind === 'message' ? messageText(last.data as MessageData).length : 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll on new events and streamed text.
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [events.length, lastText]);
  return (
    <ol className="transcript" aria-label="Conversation" aria-live="polite">
      {events.map((event) => {
        switch (event.kind) {
          case 'message':
            return (
              <Message
                key={event.id}
                event={event}
                selected={event.trace_id === selectedTrace}
                onWhy={onWhy}
              />
            );
          case 'tool':
            return <ToolEvent key={event.id} event={event} />;
          case 'status':
            return <StatusLine key={event.id} event={event} />;
          default:
            return (
              <li key={event.id} className="custom-event">
                <details>
                  <summary>Custom event</summary>
                  <JsonView value={event.data} />
                </details>
              </li>
            );
        }
      })}
      <li ref={end} className="end" aria-hidden="true" />
    </ol>
  );
}
