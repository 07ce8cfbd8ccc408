import { useEffect, useState } from 'react';

/** Where the studio is: `#/<page>/<...rest>?<query>`. */
export interface Route {
  page: string;
  rest: string[];
  query: URLSearchParams;
}

function parse(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const [page = 'chat', ...rest] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { page, rest, query: new URLSearchParams(search) };
}

/** The current route, kept in the URL's hash so reloading or sharing a link keeps the place. */
export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parse(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parse(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** The hash of a route. */
export function hrefOf(parts: string[], query: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams(
    Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined),
  ).toString();
  return `#/${parts.map(encodeURIComponent).join('/')}${search ? `?${search}` : ''}`;
}

/** Goes to a route. */
export function navigate(parts: string[], query: Record<string, string | undefined> = {}): void {
  window.location.hash = hrefOf(parts, query);
}
