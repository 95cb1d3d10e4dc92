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
  private readonly forms: readonly string[];

  private constructor(forms: readonly string[]) {
    // longest first, so a form containing another is replaced whole
    this.forms = [...new Set(forms.filter((f) => f.length > 0))].sort((a, b) => b.length - a.length);
    this.pattern = this.forms.length ? new RegExp(this.forms.map(escapeRegExp).join('|'), 'g') : null;
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
    if (!this.pattern) return text;
    let out = text.replace(this.pattern, REDACTED);
    if (out.endsWith('…')) out = this.redactClippedEnd(out);
    return out;
  }

  /**
   * `value` with every string in it redacted (readings are JSON-like: objects, arrays, strings, numbers).
   * Returns `value` itself when nothing in it needs redacting, which is the usual case.
   */
  redactDeep<T>(value: T): T {
    if (!this.pattern) return value;
    // one scan of the serialized value says whether any walk is needed (the forms include JSON-escaped ones)
    const probe = new RegExp(this.pattern.source);
    if (!probe.test(JSON.stringify(value) ?? '')) return value;
    return this.walk(value) as T;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (Array.isArray(value)) return value.map((v) => this.walk(v));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [this.redact(k), this.walk(v)]));
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
