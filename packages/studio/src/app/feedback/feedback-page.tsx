import { useState } from 'react';
import { api } from '../api/client.js';
import type { Agent, Feedback } from '../api/types.js';
import { ErrorNote } from '../ui/errors.js';
import { useAsync } from '../ui/use-async.js';
import { hrefOf } from '../ui/use-hash-route.js';
import { FeedbackItem } from './feedback-item.js';

/** All feedback, newest first, by agent and rating; each links to the reply and why it was given. */
export function FeedbackPage() {
  const agents = useAsync((signal) => api.get<Agent[]>('agents', signal), []);
  const [agentId, setAgentId] = useState('');
  const [rating, setRating] = useState<'' | 'good' | 'bad'>('');
  const feedback = useAsync(
    (signal) =>
      api.get<Feedback[]>(
        agentId ? `feedback?agent_id=${encodeURIComponent(agentId)}` : 'feedback',
        signal,
      ),
    [agentId],
  );
  const shown = [...(feedback.value ?? [])]
    .filter((item) => rating === '' || item.rating === rating)
    .reverse();
  return (
    <div className="model-page">
      <h2>Feedback</h2>
      <div className="filters">
        <label>
          Agent{' '}
          <select value={agentId} onChange={(event) => setAgentId(event.target.value)}>
            <option value="">All</option>
            {agents.value?.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Rating{' '}
          <select
            value={rating}
            onChange={(event) => setRating(event.target.value as '' | 'good' | 'bad')}
          >
            <option value="">All</option>
            <option value="good">Good</option>
            <option value="bad">Bad</option>
          </select>
        </label>
      </div>
      <ErrorNote error={feedback.error} />
      {feedback.value && (
        <p className="hint" role="status">
          {shown.length} of {feedback.value.length}. Give feedback from a reply's “Why this reply?”
          panel.
        </p>
      )}
      <ul className="cards">
        {shown.map((item) => (
          <li key={item.id}>
            <FeedbackItem feedback={item} />
            <a href={hrefOf(['chat', item.session_id], { trace: item.trace_id })}>
              Open the reply and why it was given
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
