import { readFile } from 'node:fs/promises';

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
