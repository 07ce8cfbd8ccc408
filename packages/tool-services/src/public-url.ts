/**
 * A URL as the HTTP API may show it: without user info, query and fragment (where API keys
 * tend to sit). Text that is not a URL is returned unchanged.
 */
export function publicUrl(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  parsed.search = '';
  parsed.hash = '';
  return parsed.toString();
}
