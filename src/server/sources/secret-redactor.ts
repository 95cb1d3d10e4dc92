/** A secret a source sends upstream: a password (with the user it goes with in basic auth), a token, a header value. */
export interface ConfiguredSecret {
  value: string;
  /** The basic-auth user name the secret is sent with, if any: `Authorization: Basic base64(user:secret)`. */
  username?: string | undefined;
}

/** What a secret is replaced with. */
export const REDACTED = '[redacted]';

/** A clipped text (plainLine ends it in "…") may end in the start of a secret; this long a start is redacted too. */
const MIN_CLIPPED_PREFIX = 4;
/** Base64 pieces shorter than this are not looked for inside other base64 (they would match by chance). */
const MIN_EMBEDDED_BASE64 = 6;

/**
 * Removes every configured secret of a source from text that came back from its upstream, before the
 * text is stored, shown or logged. An upstream may echo a request header in an error page, a JSON error
 * or a `<title>`, in any of the forms a secret travels in, so each secret is looked for as:
 *
 * - itself, and with its whitespace collapsed (as plain-text.ts leaves text);
 * - URL-encoded (encodeURIComponent, encodeURI, and form encoding with `+` for spaces; upper- and
 *   lower-case hex);
 * - JSON-escaped and HTML-escaped;
 * - base64 and base64url: of the secret, of `user:secret` (the Basic credentials), and the part of the
 *   secret's encoding that is the same whatever precedes it, so it is found inside any base64 blob.
 *
 * A text clipped with "…" whose end is the start of a secret form has that start redacted as well.
 */
export class SecretRedactor {
  static readonly none = new SecretRedactor([]);

  private readonly pattern: RegExp | null;
  /** The same without the g flag: test() without lastIndex state. */
  private readonly probe: RegExp | null;
  private readonly forms: readonly string[];

  private constructor(forms: readonly string[]) {
    // longest first, so a form containing another is replaced whole
    this.forms = [...new Set(forms.filter((f) => f.length > 0))].sort((a, b) => b.length - a.length);
    this.pattern = this.forms.length ? new RegExp(this.forms.map(escapeRegExp).join('|'), 'g') : null;
    this.probe = this.pattern ? new RegExp(this.pattern.source) : null;
  }

  static fromSecrets(secrets: readonly ConfiguredSecret[]): SecretRedactor {
    const forms = secrets.filter((s) => s.value.length > 0).flatMap((s) => formsOf(s));
    return forms.length ? new SecretRedactor(forms) : SecretRedactor.none;
  }

  /** True when there is anything to redact. */
  get active(): boolean {
    return this.pattern !== null;
  }

  redact(text: string): string {
    if (!this.pattern || !this.probe) return text;
    // the test first: most texts hold no secret, and test allocates nothing
    let out = this.probe.test(text) ? text.replace(this.pattern, REDACTED) : text;
    if (out.endsWith('…')) out = this.redactClippedEnd(out);
    return out;
  }

  /**
   * `value` with every string in it (keys too) redacted; readings are JSON-like: objects, arrays,
   * strings, numbers. Only the objects and arrays on the way to a redacted string are copied, so a
   * reading without secrets in it (the usual case) comes back as itself, unallocated.
   */
  redactDeep<T>(value: T): T {
    return this.pattern ? (this.walk(value) as T) : value;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (Array.isArray(value)) {
      let copy: unknown[] | null = null;
      for (let i = 0; i < value.length; i++) {
        const redacted = this.walk(value[i]);
        if (redacted !== value[i]) (copy ??= [...value])[i] = redacted;
      }
      return copy ?? value;
    }
    if (value && typeof value === 'object') {
      const fields = value as Record<string, unknown>;
      const keys = Object.keys(fields);
      let copy: Record<string, unknown> | null = null;
      keys.forEach((key, i) => {
        const redactedKey = this.redact(key);
        const redacted = this.walk(fields[key]);
        if (!copy && (redactedKey !== key || redacted !== fields[key])) copy = Object.fromEntries(keys.slice(0, i).map((k) => [k, fields[k]]));
        if (copy) copy[redactedKey] = redacted;
      });
      return copy ?? value;
    }
    return value;
  }

  private redactClippedEnd(text: string): string {
    const body = text.slice(0, -1);
    for (const form of this.forms) {
      for (let k = Math.min(form.length - 1, body.length); k >= MIN_CLIPPED_PREFIX; k--) {
        if (body.endsWith(form.slice(0, k))) return `${body.slice(0, -k)}${REDACTED}…`;
      }
    }
    return text;
  }
}

function formsOf({ value, username }: ConfiguredSecret): string[] {
  const texts = [value, value.replace(/\s+/g, ' ').trim()];
  const forms = texts.flatMap((t) => [
    t,
    ...percentForms(encodeURIComponent(t)),
    ...percentForms(encodeURI(t)),
    ...percentForms(new URLSearchParams({ s: t }).toString().slice(2)),
    JSON.stringify(t).slice(1, -1),
    escapeHtml(t),
  ]);
  forms.push(...base64Forms(Buffer.from(value)));
  if (username !== undefined) forms.push(...base64Forms(Buffer.from(`${username}:${value}`)));
  forms.push(...embeddedBase64(Buffer.from(value)));
  return forms;
}

/** Percent-encodings in upper-case hex (as encoders write them) and lower-case (as some servers echo them). */
function percentForms(encoded: string): string[] {
  return [encoded, encoded.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())];
}

function base64Forms(bytes: Buffer): string[] {
  const b64 = bytes.toString('base64');
  return [b64, b64.replace(/=+$/, ''), bytes.toString('base64url')];
}

/**
 * The characters of base64(anything + secret + anything) that depend on the secret's bytes alone, for
 * each of the three alignments the secret can start at: so the secret is found inside base64 of
 * `someone:secret`, of a JSON document holding it, and so on.
 */
function embeddedBase64(bytes: Buffer): string[] {
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const start = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length)) / 6);
    const core = encoded.slice(start, end);
    if (core.length >= MIN_EMBEDDED_BASE64) forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
