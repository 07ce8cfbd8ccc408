import type { TurnRecord } from '@conduct/core';
import type { ObservedSession, ObservedTurnStatus } from '../target.js';
import type { NameIndex } from './names.js';

/** One line of the conversation, as a judge and a report read it. */
export interface TranscriptLine {
  speaker: 'customer' | 'agent' | 'human';
  text: string;
}

/**
 * What expectations are checked against: one turn, or (for a simulated scenario's `success`)
 * the whole conversation, whose records are all its turns'.
 */
export interface ExpectationView {
  scope: 'turn' | 'conversation';
  /** How the turn ended (turn scope). */
  status?: ObservedTurnStatus;
  error?: string;
  /** The agent's reply: the turn's last message, or the conversation's last reply. */
  reply: string | undefined;
  /** Decision records of the turn(s), oldest first. */
  records: TurnRecord[];
  /** Whether a turn's record could not be read (the target cannot, or it was not saved). */
  recordMissing: boolean;
  session: ObservedSession;
  /** The agent the session was opened with (to tell a transfer). */
  openedWith: string;
  names: NameIndex;
  /** The conversation up to and including this turn. */
  transcript: TranscriptLine[];
}

/** The kind of thing a check is about, for grouping in reports. */
export type CheckKind =
  | 'status'
  | 'guideline'
  | 'journey'
  | 'tool'
  | 'reply'
  | 'judge'
  | 'session'
  | 'goal';

/** One expectation, checked. */
export interface CheckResult {
  kind: CheckKind;
  passed: boolean;
  /** What was expected, in words: `the guideline 'Return' to apply`. */
  expectation: string;
  /**
   * A sentence a policy owner understands: on failure what was expected and what happened
   * instead (`expected the guideline 'Return' to apply, but it did not; …`); on success what
   * held (and a judge's reason).
   */
  message: string;
}

/** A passed check. */
export function passed(kind: CheckKind, expectation: string, message = expectation): CheckResult {
  return { kind, passed: true, expectation, message };
}

/** A failed check. */
export function failed(kind: CheckKind, expectation: string, message: string): CheckResult {
  return { kind, passed: false, expectation, message };
}

/** `"text"`, shortened to about `max` characters. */
export function quote(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}"`;
}

/** A value as a person reads it: strings quoted, the rest as JSON. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return quote(value, 80);
  if (value instanceof RegExp) return `a text matching ${String(value)}`;
  if (typeof value === 'function') return 'a value passing its test';
  return JSON.stringify(value) ?? String(value);
}

/** `a, b and c`. */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "at this turn" / "at any point of the conversation", for messages. */
export function when(view: Pick<ExpectationView, 'scope'>): string {
  return view.scope === 'turn' ? '' : ' at any point of the conversation';
}

/** Why a check that something did not happen fails when the record is missing or unfinished. */
export const UNCHECKABLE =
  'the decision record of the turn could not be read in full (the key may lack READ_TRACE, or the record was not saved in time), so it cannot be checked';
