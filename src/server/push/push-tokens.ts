import { createHash, timingSafeEqual } from 'node:crypto';
import type { SourceConfig } from '../config/schema.js';
import type { ConfiguredSecret } from '../sources/secret-redactor.js';

/** Shorter tokens are refused: a bearer token is the only thing between the internet and the wall. */
export const MIN_TOKEN_LENGTH = 16;

/** What a bearer token may do: push to (and read back) these sources. */
export interface PushAccess {
  /** Which configured token it is (for rate limiting), never the token itself. */
  tokenId: string;
  /** The pushed sources whose `tokensEnv` holds this token, in config order. */
  sources: readonly string[];
}

export type TokenCheck =
  | { ok: true; access: PushAccess }
  | { ok: false; problem: 'missing' | 'malformed' | 'unknown' };

interface KnownToken {
  digest: Buffer;
  sources: string[];
}

/**
 * The bearer tokens of pushed sources, read once at start from the environment variables their
 * `tokensEnv` names (one or more tokens each, comma or whitespace separated, so an old and a new one
 * are valid at once while a deploy tool is switched over). Only SHA-256 digests are kept; a presented
 * token is hashed and compared with every known digest with `timingSafeEqual`, so how long a check
 * takes says nothing about how close a guess was.
 */
export class PushTokens {
  private readonly known: KnownToken[] = [];
  private readonly secretValues: string[] = [];
  /** What is wrong with the configured tokens, in words for the log (never a token). */
  readonly warnings: string[] = [];

  constructor(sources: Readonly<Record<string, SourceConfig>>, pushedSourceIds: readonly string[], env: Readonly<Record<string, string | undefined>>) {
    for (const id of pushedSourceIds) {
      const variable = sources[id]?.tokensEnv;
      if (typeof variable !== 'string') continue;
      const value = env[variable];
      if (value === undefined || value.trim() === '') {
        this.warnings.push(`source "${id}": ${variable} (its tokensEnv) is not set, so nobody can push to it over HTTP; set it to one or more tokens`);
        continue;
      }
      for (const token of value.split(/[\s,]+/).filter((t) => t !== '')) {
        this.secretValues.push(token);
        if (token.length < MIN_TOKEN_LENGTH) {
          this.warnings.push(
            `source "${id}": a token in ${variable} is shorter than ${MIN_TOKEN_LENGTH} characters and is not accepted; use a long random one (e.g. \`openssl rand -hex 32\`)`,
          );
          continue;
        }
        const digest = sha256(token);
        const same = this.known.find((k) => k.digest.equals(digest));
        if (same) same.sources.push(id);
        else this.known.push({ digest, sources: [id] });
      }
    }
  }

  /** True when at least one source takes pushes over HTTP. */
  get any(): boolean {
    return this.known.length > 0;
  }

  /** The configured tokens, for redaction from whatever is pushed. */
  secrets(): ConfiguredSecret[] {
    return this.secretValues.map((value) => ({ value }));
  }

  /** Who is asking, from an `Authorization` header: `Bearer <token>`. */
  check(authorization: string | undefined): TokenCheck {
    if (authorization === undefined || authorization.trim() === '') return { ok: false, problem: 'missing' };
    const match = /^Bearer +([\x21-\x7e]+) *$/i.exec(authorization);
    if (!match) return { ok: false, problem: 'malformed' };
    const presented = sha256(match[1]!);
    let found = -1;
    // every digest is compared, a match or not: no early exit to time
    this.known.forEach((known, i) => {
      if (timingSafeEqual(known.digest, presented) && found === -1) found = i;
    });
    const token = this.known[found];
    return token ? { ok: true, access: { tokenId: `token-${found}`, sources: token.sources } } : { ok: false, problem: 'unknown' };
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
