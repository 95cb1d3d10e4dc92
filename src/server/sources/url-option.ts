import { z } from 'zod';

/**
 * An http(s) URL option. Credentials in it would sit in the config file (and in anything that
 * echoes URLs), so they are refused with a pointer to the options that read secrets from the environment.
 */
export const httpUrlOption = z.url({ protocol: /^https?$/ }).refine((value) => {
  const url = new URL(value);
  return url.username === '' && url.password === '';
}, 'credentials do not belong in the URL (they would sit in the config file): remove "user:password@" and use the source\'s username + passwordEnv (or tokenEnv) options');

/** The URL as shown on a tile or in an error: no query string (it may carry tokens) and no credentials. */
export function displayUrl(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}
