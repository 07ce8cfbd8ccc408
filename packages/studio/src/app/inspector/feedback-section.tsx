import { useState } from 'react';
import { api } from '../api/client.js';
import type { Feedback, Trace, TurnRecord } from '../api/types.js';
import { FeedbackForm } from '../feedback/feedback-form.js';
import { FeedbackItem } from '../feedback/feedback-item.js';
import { ErrorNote } from '../ui/errors.js';
import { useAsync } from '../ui/use-async.js';
import type { Subjects } from './subjects.js';

/** The agent's reply of a trace (not a preamble): what feedback is about. */
function replyOf(trace: Trace) {
  return trace.events.findLast(
    (event) =>
      event.kind === 'message' &&
      event.source === 'ai_agent' &&
      !event.deleted &&
      !((event.data as { tags?: string[] }).tags ?? []).includes('__preamble__'),
  );
}

/** Feedback on the reply of this trace: what was given, and a form to give more. */
export function FeedbackSection({
  trace,
  record,
  subjects,
}: {
  trace: Trace;
  record: TurnRecord;
  subjects: Subjects;
}) {
  const reply = replyOf(trace);
  const path = `sessions/${encodeURIComponent(trace.session_id)}/feedback`;
  const given = useAsync((signal) => api.get<Feedback[]>(path, signal), [path]);
  const [error, setError] = useState<unknown>();
  if (reply === undefined) return <p className="hint">This turn sent no reply to judge.</p>;
  const mine = (given.value ?? []).filter((feedback) => feedback.event_id === reply.id);
  const matched = new Set(record.matched.guidelines);
  const guidelines = [
    ...new Map(
      [...record.candidates, ...record.verdicts.map((verdict) => verdict.entity)]
        .filter((entity) => entity.type === 'guideline')
        .map((entity) => [entity.id, entity]),
    ).values(),
  ].map((entity) => ({ entity, matched: matched.has(entity.id), subject: subjects.get(entity) }));
  const remove = async (id: string) => {
    await api.delete(`${path}/${encodeURIComponent(id)}`);
    given.reload();
  };
  return (
    <>
      <ErrorNote error={given.error ?? error} />
      {mine.map((feedback) => (
        <FeedbackItem
          key={feedback.id}
          feedback={feedback}
          nameOf={(id) => subjects.name({ type: 'guideline', id })}
          onDelete={() => {
            remove(feedback.id).catch(setError);
          }}
        />
      ))}
      <FeedbackForm
        sessionId={trace.session_id}
        eventId={reply.id}
        guidelines={guidelines}
        onSaved={() => given.reload()}
      />
    </>
  );
}
