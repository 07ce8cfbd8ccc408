import { type ReactNode, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../api/client.js';
import type { Trace } from '../api/types.js';
import { ErrorNote } from '../ui/errors.js';
import { useAsync } from '../ui/use-async.js';
import { CompositionSection } from './composition-section.js';
import { FeedbackSection } from './feedback-section.js';
import { GroundingSection } from './grounding-section.js';
import { GuidelinesSection, ResolutionSection } from './guidelines-section.js';
import { JourneysSection } from './journeys-section.js';
import { subjectsOf } from './subjects.js';
import { Timeline } from './timeline.js';
import { ToolsSection } from './tools-section.js';

// The decision record is saved right after the reply reaches the conversation: a click on a
// fresh reply may come first, so a missing record is asked for again for a while.
const ATTEMPTS = 20;
const RETRY_MS = 500;

async function loadTrace(sessionId: string, traceId: string, signal: AbortSignal): Promise<Trace> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await api.get<Trace>(
        `sessions/${encodeURIComponent(sessionId)}/traces/${encodeURIComponent(traceId)}`,
        signal,
      );
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404) || attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      if (signal.aborted) throw error;
    }
  }
}

function Section({
  title,
  children,
  open = true,
}: {
  title: string;
  children: ReactNode;
  open?: boolean;
}) {
  return (
    <details className="section" open={open}>
      <summary>
        <h3 className="section-title">{title}</h3>
      </summary>
      {children}
    </details>
  );
}

/** Why the agent answered as it did: the decision record of one trace, for people. */
export function Inspector({
  sessionId,
  traceId,
  onClose,
}: {
  sessionId: string;
  traceId: string;
  onClose: () => void;
}) {
  const trace = useAsync((signal) => loadTrace(sessionId, traceId, signal), [sessionId, traceId]);
  const [turnIndex, setTurnIndex] = useState<number>();
  const heading = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves here for each new trace.
  useEffect(() => {
    setTurnIndex(undefined);
    heading.current?.focus();
  }, [traceId]);
  const turns = trace.value?.turns ?? [];
  const record = turns[turnIndex ?? turns.length - 1];
  const subjects = record ? subjectsOf(record) : undefined;
  return (
    <aside className="inspector" aria-labelledby="inspector-title" data-testid="inspector">
      <header>
        <h2 id="inspector-title" tabIndex={-1} ref={heading}>
          Why this reply
        </h2>
        <button type="button" onClick={onClose} aria-label="Close the explanation">
          ✕
        </button>
      </header>
      {trace.loading && !trace.value && <p className="hint">Loading the decision record…</p>}
      <ErrorNote error={trace.error} />
      {turns.length > 1 && (
        <label>
          Turn{' '}
          <select
            value={turnIndex ?? turns.length - 1}
            onChange={(event) => setTurnIndex(Number(event.target.value))}
          >
            {turns.map((turn, index) => (
              <option key={turn.id} value={index}>
                {index + 1}: {turn.status}
              </option>
            ))}
          </select>
        </label>
      )}
      {record && subjects && (
        <>
          <p className="hint">
            Turn {record.status}
            {record.ended_at &&
              ` in ${Math.round(Date.parse(record.ended_at) - Date.parse(record.started_at))} ms`}{' '}
            · trace <code>{record.trace_id}</code>
          </p>
          {record.errors.length > 0 && (
            <ul className="plain errors" role="alert">
              {record.errors.map((error, index) => (
                <li key={`${error.stage}-${index}`}>
                  <span className="badge warn">{error.code ?? error.stage}</span> {error.message}
                  {error.entity && <> (“{subjects.name(error.entity)}”)</>}
                </li>
              ))}
            </ul>
          )}
          <Section title="Guidelines">
            <GuidelinesSection record={record} subjects={subjects} />
          </Section>
          <Section title="Journeys">
            <JourneysSection record={record} />
          </Section>
          <Section title="Tool calls">
            <ToolsSection record={record} subjects={subjects} />
          </Section>
          <Section title="Model calls">
            <Timeline record={record} />
          </Section>
          <Section title="Relationships resolved" open={record.resolution.length > 0}>
            <ResolutionSection record={record} subjects={subjects} />
          </Section>
          <Section title="Grounding" open={false}>
            <GroundingSection record={record} />
          </Section>
          <Section title="Composition" open={false}>
            <CompositionSection record={record} subjects={subjects} />
          </Section>
          {trace.value && (
            <Section title="Feedback" open={false}>
              <FeedbackSection trace={trace.value} record={record} subjects={subjects} />
            </Section>
          )}
          {record.notes.length > 0 && (
            <Section title="Notes" open={false}>
              <ul className="plain">
                {record.notes.map((note, index) => (
                  <li key={`${index}-${note.slice(0, 10)}`}>{note}</li>
                ))}
              </ul>
            </Section>
          )}
        </>
      )}
    </aside>
  );
}
