import type { TurnRecord } from '../api/types.js';
import { JsonView } from '../ui/json-view.js';
import { type Subjects, toolNameOf } from './subjects.js';

/** What the turn decided about each offered tool, the calls that ran, and the insights. */
export function ToolsSection({ record, subjects }: { record: TurnRecord; subjects: Subjects }) {
  if (record.tool_decisions.length === 0 && record.tool_calls.length === 0) {
    return <p className="hint">No tool was offered.</p>;
  }
  return (
    <>
      {record.tool_decisions.length > 0 && (
        <ul className="plain">
          {record.tool_decisions.map((decision, index) => (
            <li key={`${toolNameOf(decision.tool)}-${index}`}>
              <strong>{toolNameOf(decision.tool)}</strong> offered by{' '}
              {decision.offered_by.map((entity) => `“${subjects.name(entity)}”`).join(', ')} —{' '}
              {decision.calls} call{decision.calls === 1 ? '' : 's'}
              {decision.awaiting_confirmation > 0 &&
                `, ${decision.awaiting_confirmation} awaiting confirmation`}{' '}
              <span className="task">{decision.decided_by}</span>
              {decision.reason && <> — “{decision.reason}”</>}
            </li>
          ))}
        </ul>
      )}
      {record.tool_calls.map((call, index) => (
        <article
          key={`${toolNameOf(call.tool)}-${index}`}
          className="tool-call"
          data-testid="tool-call"
        >
          <h4>
            {toolNameOf(call.tool)}{' '}
            <span className={`badge ${call.status === 'succeeded' ? 'ok' : 'warn'}`}>
              {call.status}
            </span>{' '}
            <span className="hint">{Math.round(call.duration_ms)} ms</span>
          </h4>
          <h5>Arguments</h5>
          <JsonView value={call.arguments} />
          <h5>Result</h5>
          {call.error ? (
            <p className="error-text">{call.error}</p>
          ) : (
            <JsonView value={call.result} />
          )}
        </article>
      ))}
      {record.insights.length > 0 && (
        <>
          <h4>Insights (what the reply must act on)</h4>
          <ul className="plain">
            {record.insights.map((insight, index) => (
              <li key={`${insight.kind}-${index}`}>
                <span className="badge warn">{insight.kind}</span> {toolNameOf(insight.tool)}
                {insight.parameter && <> · {insight.parameter}</>}: {insight.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
