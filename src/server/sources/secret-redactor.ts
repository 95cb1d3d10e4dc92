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
 *
 * Text the configuration itself holds (`publicTexts`: the source's URL, say) is no secret, even when a
 * secret happens to be part of it: the default password "nagios" must not turn the reason's
 * `host/nagios4/cgi-bin/statusjson.cgi` into `host/[redacted]4/…`.
 */
export class SecretRedactor {
  static readonly none = new SecretRedactor([], []);

  /** Public texts (captured) first, then the secret forms: at each position a public text wins. */
  private readonly pattern: RegExp | null;
  /** The secret forms alone, without the g flag: test() without lastIndex state. */
  private readonly probe: RegExp | null;
  private readonly forms: readonly string[];
  private readonly publicTexts: readonly string[];

  private constructor(forms: readonly string[], publicTexts: readonly string[]) {
    // longest first, so a form containing another is replaced whole
    this.forms = longestFirst(forms);
    this.probe = this.forms.length ? new RegExp(this.forms.map(escapeRegExp).join('|')) : null;
    // only public texts that hold a secret form matter
    this.publicTexts = longestFirst(publicTexts.filter((t) => this.probe?.test(t)));
    const publicPart = this.publicTexts.length ? `(${this.publicTexts.map(escapeRegExp).join('|')})|` : '';
    this.pattern = this.probe ? new RegExp(`${publicPart}${this.probe.source}`, 'g') : null;
  }

  static fromSecrets(secrets: readonly ConfiguredSecret[], publicTexts: readonly string[] = []): SecretRedactor {
    const forms = secrets.filter((s) => s.value.length > 0).flatMap((s) => formsOf(s));
    return forms.length ? new SecretRedactor(forms, publicTexts) : SecretRedactor.none;
  }

  /** True when there is anything to redact. */
  get active(): boolean {
    return this.pattern !== null;
  }

  redact(text: string): string {
    if (!this.pattern || !this.probe) return text;
    const clipped = text.endsWith('…');
    const body = clipped ? text.slice(0, -1) : text;
    // a clipped public text at the end ("…/nagios4/cg…") stays as it is
    const publicTail = clipped ? this.publicTailLength(body) : 0;
    const head = body.slice(0, body.length - publicTail);
    // the test first: most texts hold no secret, and test allocates nothing
    let out = this.probe.test(head) ? head.replace(this.pattern, keepPublicText) : head;
    if (clipped && publicTail === 0) out = this.redactSecretTail(out);
    return clipped ? `${out}${body.slice(head.length)}…` : out;
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

  /** How much of the end of `text` is the start of a public text (0 when none is, or too little to tell). */
  private publicTailLength(text: string): number {
    let longest = 0;
    for (const publicText of this.publicTexts) longest = Math.max(longest, prefixAtEnd(text, publicText, publicText.length));
    return longest;
  }

  /** The start of a secret form at the end of a clipped text is redacted too. */
  private redactSecretTail(text: string): string {
    for (const form of this.forms) {
      const k = prefixAtEnd(text, form, form.length - 1);
      if (k > 0) return `${text.slice(0, -k)}${REDACTED}`;
    }
    return text;
  }
}

/** replace() callback: a public text (the capture group, when there is one) stays, a secret goes. */
function keepPublicText(_match: string, ...rest: unknown[]): string {
  // without a group, rest[0] is the match offset, a number
  return typeof rest[0] === 'string' ? rest[0] : REDACTED;
}

function longestFirst(texts: readonly string[]): string[] {
  return [...new Set(texts.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
}

/** The length of the longest start of `whole`, at most `max` long and at least MIN_CLIPPED_PREFIX, that `text` ends with; else 0. */
function prefixAtEnd(text: string, whole: string, max: number): number {
  for (let k = Math.min(max, text.length); k >= MIN_CLIPPED_PREFIX; k--) if (text.endsWith(whole.slice(0, k))) return k;
  return 0;
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
