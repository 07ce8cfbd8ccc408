import { errorMessage } from '@conduct/core';
import { type CorsOrigins, trustedProxies } from '@conduct/http';
import { z } from 'zod';
import { API_DOCS_MODES } from './app-options.js';

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

/**
 * `CONDUCT_CORS_ORIGINS`: `*`, `loopback` (pages served from this machine), or a
 * comma-separated list of exact origins such as `https://shop.example.com,http://localhost:5173`.
 */
export const corsOriginsEnv = z
  .string()
  .optional()
  .transform((value, context): CorsOrigins | undefined => {
    if (value === undefined) return undefined;
    if (value === '*' || value === 'loopback') return value;
    const origins = value
      .split(',')
      .map((origin) => origin.trim().replace(/\/$/, ''))
      .filter(Boolean);
    const bad = origins.filter((origin) => !isOrigin(origin));
    if (bad.length > 0 || origins.length === 0) {
      context.addIssue({
        code: 'custom',
        message: `must be *, loopback, or comma-separated origins like https://shop.example.com (no path); not an origin: ${bad.join(', ') || '(empty)'}`,
      });
      return z.NEVER;
    }
    return origins;
  });

/** `CONDUCT_API_DOCS`: who may read `/docs` and `/openapi.json`. */
export const apiDocsEnv = z
  .enum(API_DOCS_MODES, {
    error: (issue) =>
      `'${String(issue.input)}' is not a mode; use public (no credentials), protected (an API key) or off`,
  })
  .optional();

/**
 * `CONDUCT_TRUSTED_PROXIES`: comma-separated IP addresses and CIDR ranges of the reverse proxies
 * in front of the server (`10.0.0.0/8,::1`). Only requests from them may name the client with
 * `X-Forwarded-For` / `X-Real-IP`; unset, the socket's peer is the client.
 */
export const trustedProxiesEnv = z
  .string()
  .optional()
  .transform((value, context): string[] | undefined => {
    if (value === undefined) return undefined;
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    try {
      trustedProxies(entries);
    } catch (error) {
      context.addIssue({ code: 'custom', message: errorMessage(error) });
      return z.NEVER;
    }
    return entries;
  });
