import { useState } from 'react';
import type { ModelCall, TurnRecord } from '../api/types.js';
import { criticalPath } from './critical-path.js';
import { PromptDialog } from './prompt-dialog.js';

const time = (iso: string) => Date.parse(iso);

/**
 * The turn's model calls on one time axis (from the turn's start), the critical path marked;
 * a call opens its full prompt and output.
 */
export function Timeline({ record }: { record: TurnRecord }) {
  const [open, setOpen] = useState<ModelCall>();
  const calls = record.model_calls;
  if (calls.length === 0) return <p className="hint">No model call in this turn.</p>;
  const start = Math.min(time(record.started_at), ...calls.map((call) => time(call.started_at)));
  const end = Math.max(
    time(record.ended_at ?? record.started_at),
    ...calls.map((call) => time(call.ended_at)),
  );
  const span = Math.max(end - start, 1);
  const critical = criticalPath(calls);
  const total = calls.reduce(
    (sum, call) => ({
      input: sum.input + call.usage.input_tokens,
      output: sum.output + call.usage.output_tokens,
    }),
    { input: 0, output: 0 },
  );
  const order = calls
    .map((call, index) => ({ call, index }))
    .sort((a, b) => time(a.call.started_at) - time(b.call.started_at));
  return (
    <>
      <p className="hint">
        {calls.length} calls · {critical.size} on the critical path · {total.input} tokens in,{' '}
        {total.output} out · turn {Math.round(end - start)} ms. Cost is not recorded (no price
        table). Click a call for its prompt.
      </p>
      <table className="timeline" data-testid="timeline">
        <thead>
          <tr>
            <th scope="col">Task</th>
            <th scope="col">Model</th>
            <th scope="col">When</th>
            <th scope="col">ms</th>
            <th scope="col">Tokens in/out</th>
          </tr>
        </thead>
        <tbody>
          {order.map(({ call, index }) => {
            const left = ((time(call.started_at) - start) / span) * 100;
            const width = Math.max(
              ((time(call.ended_at) - time(call.started_at)) / span) * 100,
              0.8,
            );
            const onPath = critical.has(index);
            return (
              <tr key={index} className={onPath ? 'critical' : undefined}>
                <th scope="row">
                  <button type="button" className="link" onClick={() => setOpen(call)}>
                    {call.task}
                  </button>
                  {onPath && <span className="badge critical-badge">critical</span>}
                  {call.error && <span className="badge warn">failed</span>}
                </th>
                <td>{call.model}</td>
                <td className="bar-cell">
                  <span
                    className="bar"
                    style={{ left: `${left}%`, width: `${width}%` }}
                    title={`${new Date(call.started_at).toISOString().slice(11, 23)} → ${new Date(call.ended_at).toISOString().slice(11, 23)}`}
                  />
                </td>
                <td>{Math.round(call.latency_ms)}</td>
                <td>
                  {call.usage.input_tokens}/{call.usage.output_tokens}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {record.stages.length > 0 && (
        <details>
          <summary>Stages</summary>
          <ul className="plain">
            {record.stages.map((stage, index) => (
              <li key={`${stage.name}-${index}`}>
                {stage.name}: {Math.round(stage.duration_ms)} ms
              </li>
            ))}
          </ul>
        </details>
      )}
      <PromptDialog call={open} onClose={() => setOpen(undefined)} />
    </>
  );
}
