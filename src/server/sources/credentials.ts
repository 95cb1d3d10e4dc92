import { readFile } from 'node:fs/promises';
import type { ConfiguredSecret } from './secret-redactor.js';

/**
 * Basic-auth credentials from a user name and the name of the environment variable holding the
 * password: secrets stay out of the config file. None configured = no auth header.
 */
export function basicAuthFromEnv(
  username: string | undefined,
  passwordEnv: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): { username: string; password: string } | undefined {
  if (!username || !passwordEnv) return undefined;
  const password = env[passwordEnv];
  if (password === undefined) throw new Error(`environment variable ${passwordEnv} is not set (passwordEnv for user "${username}")`);
  return { username, password };
}

/** A PEM CA file for `caFile` options, read per poll so a renewed CA needs no restart. */
export async function readCaFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(`cannot read caFile ${path}: ${code === 'ENOENT' ? 'file not found' : (err as Error).message}`);
  }
}

/**
 * Every secret a source's options name, read from the environment: options whose key ends in `Env`
 * name environment variables (`passwordEnv`, `tokenEnv`), or map names to them (`headersEnv`), at any
 * depth (http `targets[]`). A `passwordEnv` comes with its sibling `username`, for the Basic form.
 * Variables that are not set are no secret yet (the poll itself says they are missing).
 */
export function configuredSecrets(options: unknown, env: Readonly<Record<string, string | undefined>>): ConfiguredSecret[] {
  const secrets: ConfiguredSecret[] = [];
  const add = (variable: unknown, username?: unknown) => {
    const value = typeof variable === 'string' ? env[variable] : undefined;
    if (value) secrets.push({ value, username: typeof username === 'string' ? username : undefined });
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const fields = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(fields)) {
      if (!key.endsWith('Env')) visit(value);
      else if (typeof value === 'string') add(value, key === 'passwordEnv' ? fields.username : undefined);
      else if (value && typeof value === 'object') Object.values(value).forEach((v) => add(v));
    }
  };
  visit(options);
  return secrets;
}

/**
 * The texts of a source's options that are no secret (URLs, names, paths: everything but what `*Env`
 * options name), with the forms messages quote a URL in (`host/path`, without the query, and its
 * directory `host/dir/`). A secret that happens to be part of one of them is not redacted there (see
 * SecretRedactor).
 */
export function publicTexts(options: unknown): string[] {
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      texts.push(node);
      if (URL.canParse(node)) {
        const url = new URL(node);
        // the directory too: an adapter also asks the pages beside the configured one (nagios: objectjson.cgi
        // beside a configured statusjson.cgi), and its errors quote their URLs
        const directory = url.pathname.slice(0, url.pathname.lastIndexOf('/') + 1);
        texts.push(`${url.protocol}//${url.host}${url.pathname}`, `${url.host}${url.pathname}`, `${url.host}${directory}`);
      }
    } else if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) if (!key.endsWith('Env')) visit(value);
    }
  };
  visit(options);
  return texts;
}
