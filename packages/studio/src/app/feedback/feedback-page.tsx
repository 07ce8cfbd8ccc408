/** Feedback (placeholder while it is built). */
export function FeedbackPage() {
  return <p className="hint">Feedback is coming.</p>;
}
