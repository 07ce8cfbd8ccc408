/** The behavior model (placeholder while it is built). */
export function ModelPage(_props: { tab: string | undefined; query: URLSearchParams }) {
  return <p className="hint">The behavior model browser is coming.</p>;
}
