/**
 * The `fetch` an adapter sends its requests with. Every adapter takes one as its `fetch`
 * option (tests, proxies, instrumentation) and defaults to the global `fetch`.
 */
export type FetchFunction = (
  input: string | URL | Request,
  init?: RequestInit,
) => Promise<Response>;
