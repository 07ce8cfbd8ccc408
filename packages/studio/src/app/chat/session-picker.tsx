import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { Agent, Customer, Session } from '../api/types.js';
import { ErrorNote } from '../ui/errors.js';
import { useAsync } from '../ui/use-async.js';
import { navigate } from '../ui/use-hash-route.js';

const GUEST = 'guest';
const CHOICE_STORAGE = 'conduct.studio.chat';

function savedChoice(): { agentId?: string; customerId?: string } {
  try {
    return JSON.parse(localStorage.getItem(CHOICE_STORAGE) ?? '{}');
  } catch {
    return {};
  }
}

/** Picks an agent and a customer (or the guest), and starts or resumes one of their sessions. */
export function SessionPicker({ current }: { current: Session | undefined }) {
  const agents = useAsync((signal) => api.get<Agent[]>('agents', signal), []);
  const customers = useAsync((signal) => api.get<Customer[]>('customers', signal), []);
  const [agentId, setAgentId] = useState<string | undefined>(savedChoice().agentId);
  const [customerId, setCustomerId] = useState<string>(savedChoice().customerId ?? GUEST);
  const [error, setError] = useState<unknown>();

  // An open session decides the agent and customer shown.
  useEffect(() => {
    if (current) {
      setAgentId(current.agent_id);
      setCustomerId(current.customer_id);
    }
  }, [current]);
  const agent =
    agents.value?.find((candidate) => candidate.id === agentId) ?? agents.value?.[0] ?? undefined;
  useEffect(() => {
    localStorage.setItem(CHOICE_STORAGE, JSON.stringify({ agentId: agent?.id, customerId }));
  }, [agent?.id, customerId]);

  const sessions = useAsync(
    (signal) =>
      agent === undefined
        ? Promise.resolve([] as Session[])
        : api.get<Session[]>(
            `sessions?agent_id=${encodeURIComponent(agent.id)}&customer_id=${encodeURIComponent(customerId)}`,
            signal,
          ),
    [agent?.id, customerId, current?.id],
  );

  const start = async () => {
    if (agent === undefined) return;
    setError(undefined);
    try {
      const session = await api.post<Session>('sessions', {
        agent_id: agent.id,
        ...(customerId === GUEST ? {} : { customer_id: customerId }),
      });
      navigate(['chat', session.id]);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <nav className="session-picker" aria-label="Sessions">
      <label>
        Agent
        <select
          value={agent?.id ?? ''}
          onChange={(event) => setAgentId(event.target.value)}
          data-testid="agent-select"
        >
          {agents.value?.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
        </select>
      </label>
      {agent && (
        <p className="hint">
          {agent.message_output_mode} output · {agent.composition_mode.replaceAll('_', ' ')}
        </p>
      )}
      <label>
        Customer
        <select value={customerId} onChange={(event) => setCustomerId(event.target.value)}>
          <option value={GUEST}>Guest</option>
          {customers.value
            ?.filter((customer) => customer.id !== GUEST)
            .map((customer) => (
              <option key={customer.id} value={customer.id}>
                {customer.name}
              </option>
            ))}
        </select>
      </label>
      <button
        type="button"
        className="primary"
        onClick={() => {
          start().catch(setError);
        }}
        disabled={!agent}
      >
        New session
      </button>
      <ErrorNote error={agents.error ?? customers.error ?? sessions.error ?? error} />
      {agents.value?.length === 0 && <p className="hint">No agent yet: create one with the API.</p>}
      <h3>Sessions</h3>
      <ul className="session-list">
        {[...(sessions.value ?? [])].reverse().map((session) => (
          <li key={session.id}>
            <a
              href={`#/chat/${encodeURIComponent(session.id)}`}
              aria-current={session.id === current?.id ? 'page' : undefined}
            >
              {session.title ?? new Date(session.creation_utc).toLocaleString()}
              {session.mode === 'manual' && <span className="badge">human</span>}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
