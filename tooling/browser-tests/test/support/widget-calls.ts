import { expect } from 'vitest';
import type { RecordedCall } from './widget-api.js';

/** The calls a page of `origin` made (the browser sets `Origin` on cross-origin requests). */
export function fromPage(calls: readonly RecordedCall[], origin: string): RecordedCall[] {
  return calls.filter((call) => call.origin === origin);
}

/** `METHOD /path?query`, for readable sequence assertions. */
export function signature(call: RecordedCall): string {
  return `${call.method} ${call.url}`;
}

const pathOf = (call: RecordedCall) => new URL(call.url, 'http://api').pathname;

/**
 * Asserts that CORS worked the way a browser needs it: every answered cross-origin call allows
 * the page's origin, every preflight succeeded and allowed all the headers it asked for, and each
 * of `preflighted` (`METHOD /path`) was preceded by a preflight of its path.
 */
export function expectAnsweredCors(calls: readonly RecordedCall[], preflighted: string[]): void {
  for (const call of calls) {
    if (call.status === undefined) continue;
    expect(['*', call.origin], `Access-Control-Allow-Origin of ${signature(call)}`).toContain(
      call.allowOrigin,
    );
  }
  const preflights = calls.filter((call) => call.method === 'OPTIONS');
  for (const preflight of preflights) {
    expect(preflight.status, `status of ${signature(preflight)}`).toBeGreaterThanOrEqual(200);
    expect(preflight.status, `status of ${signature(preflight)}`).toBeLessThan(300);
    const allowed = headerList(preflight.allowHeaders);
    for (const header of headerList(preflight.requestHeaders)) {
      if (!allowed.includes('*')) {
        expect(allowed, `headers allowed by ${signature(preflight)}`).toContain(header);
      }
    }
  }
  for (const expected of preflighted) {
    const first = calls.findIndex((call) => `${call.method} ${pathOf(call)}` === expected);
    expect(first, `a call ${expected}`).toBeGreaterThanOrEqual(0);
    const path = expected.slice(expected.indexOf(' ') + 1);
    const before = preflights.filter(
      (preflight) => pathOf(preflight) === path && calls.indexOf(preflight) < first,
    );
    expect(before, `a preflight before ${expected}`).not.toEqual([]);
  }
}

function headerList(value: string | null | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((header) => header.trim().toLowerCase())
    .filter((header) => header !== '');
}
