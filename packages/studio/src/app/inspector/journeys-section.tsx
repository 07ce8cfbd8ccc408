import { api } from '../api/client.js';
import type { Journey, JourneyDecision, TurnRecord } from '../api/types.js';
import { ErrorNote } from '../ui/errors.js';
import { useAsync } from '../ui/use-async.js';
import { JourneyGraph } from './journey-graph.js';

const ACTION_WORDS: Record<string, string> = {
  activated: 'started',
  restarted: 'started again',
  stayed: 'stayed',
  advanced: 'moved',
  'auto-advanced': 'moved (no model call, after a tool ran)',
  backtracked: 'went back',
  left: 'was left',
  completed: 'completed',
  reset: 'was reset (its graph changed)',
  held: 'held',
};

function JourneyCard({
  journeyId,
  decisions,
}: {
  journeyId: string;
  decisions: JourneyDecision[];
}) {
  const journey = useAsync(
    (signal) => api.get<Journey>(`journeys/${encodeURIComponent(journeyId)}`, signal),
    [journeyId],
  );
  const stateText = (id: string | null) => {
    if (id === null) return '—';
    const state = journey.value?.states.find((candidate) => candidate.id === id);
    const text = state?.instruction ?? state?.description ?? (state?.type === 'end' ? 'End' : id);
    return text.length > 90 ? `${text.slice(0, 89)}…` : text;
  };
  const last = decisions.at(-1);
  const current = last ? (last.to ?? null) : null;
  const moves = decisions.flatMap((decision) =>
    [decision.from, ...decision.via, decision.to].filter((id): id is string => id !== null),
  );
  return (
    <article className="journey-card" data-testid="journey-card">
      <h4>{journey.value?.title ?? journeyId}</h4>
      <ul className="plain">
        {decisions.map((decision, index) => (
          <li key={`${decision.action}-${index}`}>
            <span className="badge">{ACTION_WORDS[decision.action] ?? decision.action}</span>{' '}
            {decision.from !== null && decision.from !== decision.to && (
              <>from “{stateText(decision.from)}” </>
            )}
            {decision.to !== null && <>to “{stateText(decision.to)}” </>}
            <span className="task">{decision.decided_by}</span>
            {decision.reason && <> — “{decision.reason}”</>}
          </li>
        ))}
      </ul>
      <ErrorNote error={journey.error} />
      {journey.value && (
        <div className="graph-scroll">
          <JourneyGraph journey={journey.value} current={current} moves={moves} />
        </div>
      )}
    </article>
  );
}

/** Each journey the turn touched: what it did and where the session is, on the journey's graph. */
export function JourneysSection({ record }: { record: TurnRecord }) {
  const ids = [
    ...new Set([...record.journeys.map((d) => d.journey_id), ...record.matched.journeys]),
  ];
  if (ids.length === 0) return <p className="hint">No journey is active.</p>;
  return (
    <>
      {ids.map((id) => (
        <JourneyCard
          key={id}
          journeyId={id}
          decisions={record.journeys.filter((decision) => decision.journey_id === id)}
        />
      ))}
    </>
  );
}
