import { useState } from 'react';
import type { EntityRef, TurnRecord, Verdict } from '../api/types.js';
import type { Subjects } from './subjects.js';

interface Row {
  entity: EntityRef;
  matched: boolean;
  verdicts: Verdict[];
  skipped: string | null;
  resolution: TurnRecord['resolution'];
}

function rowsOf(record: TurnRecord, type: 'guideline' | 'journey'): Row[] {
  const matched = new Set(
    type === 'guideline' ? record.matched.guidelines : record.matched.journeys,
  );
  const seen = new Map<string, EntityRef>();
  for (const entity of [
    ...record.candidates,
    ...record.skipped.map((skip) => skip.entity),
    ...record.verdicts.map((verdict) => verdict.entity),
    ...record.resolution.map((reason) => reason.entity),
  ]) {
    if (entity.type === type && !seen.has(entity.id)) seen.set(entity.id, entity);
  }
  const rows = [...seen.values()].map((entity) => ({
    entity,
    matched: matched.has(entity.id),
    verdicts: record.verdicts.filter((v) => v.entity.type === type && v.entity.id === entity.id),
    skipped:
      record.skipped.find((s) => s.entity.type === type && s.entity.id === entity.id)?.reason ??
      null,
    resolution: record.resolution.filter(
      (r) => r.entity.type === type && r.entity.id === entity.id,
    ),
  }));
  // Matched first, then those a model judged, then those left out before matching.
  const rank = (row: Row) => (row.matched ? 0 : row.verdicts.length > 0 ? 1 : 2);
  return rows.sort((a, b) => rank(a) - rank(b));
}

function Outcome({ row }: { row: Row }) {
  if (row.matched) return <span className="badge ok">matched</span>;
  if (row.skipped !== null) return <span className="badge muted">pre-filter skipped</span>;
  if (row.resolution.some((reason) => reason.change === 'dropped')) {
    return <span className="badge warn">dropped</span>;
  }
  if (row.verdicts.some((verdict) => verdict.matched === null)) {
    return <span className="badge warn">not evaluated</span>;
  }
  return <span className="badge muted">not matched</span>;
}

/** Every guideline (or journey trigger) the turn considered: matched or not, by which task, why. */
export function GuidelinesSection({
  record,
  subjects,
  type = 'guideline',
}: {
  record: TurnRecord;
  subjects: Subjects;
  type?: 'guideline' | 'journey';
}) {
  const rows = rowsOf(record, type);
  const [showAll, setShowAll] = useState(false);
  const matchedCount = rows.filter((row) => row.matched).length;
  // What changed the reply comes first; the rest is one click away.
  const notable = (row: Row) =>
    row.matched ||
    row.resolution.length > 0 ||
    row.verdicts.some((verdict) => verdict.matched === null || verdict.clarification);
  const shown = showAll ? rows : rows.filter(notable);
  const hidden = rows.length - shown.length;
  if (rows.length === 0) return <p className="hint">None considered.</p>;
  return (
    <>
      <p className="hint">
        {matchedCount} of {rows.length} matched.{' '}
        {(hidden > 0 || showAll) && (
          <button type="button" className="link" onClick={() => setShowAll(!showAll)}>
            {showAll ? 'Show only the matched' : `Show the ${hidden} not matched, with why`}
          </button>
        )}
      </p>
      <ul className="considered" data-testid={`${type}-verdicts`}>
        {shown.map((row) => {
          const subject = subjects.get(row.entity);
          return (
            <li key={row.entity.id} className={row.matched ? 'matched' : 'unmatched'}>
              <div className="row-head">
                <Outcome row={row} />
                {subject?.title && <strong>{subject.title}</strong>}
              </div>
              <p className="rule">{subjects.text(row.entity)}</p>
              {row.verdicts.map((verdict, index) => (
                <p key={`${verdict.strategy}-${index}`} className="verdict">
                  <span className="task">{verdict.strategy}</span>{' '}
                  {verdict.matched === null ? 'could not judge' : verdict.matched ? 'yes' : 'no'}
                  {verdict.rationale && <> — “{verdict.rationale}”</>}
                  {verdict.error && <span className="error-text"> ({verdict.error})</span>}
                  {verdict.clarification && <> · asks: “{verdict.clarification.question}”</>}
                </p>
              ))}
              {row.skipped !== null && <p className="verdict">Pre-filter: {row.skipped}</p>}
              {row.resolution.map((reason, index) => (
                <p key={`${reason.rule}-${index}`} className="verdict">
                  <span className="task">resolver</span> {reason.change} by <em>{reason.rule}</em>
                  {reason.because && <> of “{subjects.name(reason.because)}”</>}:{' '}
                  {reason.explanation}
                </p>
              ))}
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** Everything the relationship resolver added, dropped or kept, and why. */
export function ResolutionSection({
  record,
  subjects,
}: {
  record: TurnRecord;
  subjects: Subjects;
}) {
  if (record.resolution.length === 0) {
    return <p className="hint">The resolver changed nothing.</p>;
  }
  return (
    <ul className="plain">
      {record.resolution.map((reason, index) => (
        <li key={`${reason.entity.id}-${index}`}>
          <span className={`badge ${reason.change === 'dropped' ? 'warn' : 'ok'}`}>
            {reason.change}
          </span>{' '}
          {reason.entity.type} “{subjects.name(reason.entity)}” — <em>{reason.rule}</em>
          {reason.because && <> (because of “{subjects.name(reason.because)}”)</>}:{' '}
          {reason.explanation}
        </li>
      ))}
    </ul>
  );
}
