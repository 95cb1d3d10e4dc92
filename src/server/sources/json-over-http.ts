import { plainLine } from '../../shared/plain-text.js';
import { httpRequest, type HttpRequest } from './http-client.js';
import { SecretRedactor, type ConfiguredSecret } from './secret-redactor.js';

/** Error messages quote from the start of a body: this much of it is looked at. */
const QUOTED_HEAD_CHARS = 64 * 1024;

export interface JsonRequest extends Omit<HttpRequest, 'method' | 'body'> {
  /** What the answer should be, for messages: "statusjson", "Icinga 2 API". */
  api: string;
  /** Statuses the caller interprets itself (e.g. Icinga's 404 "No objects found"); others ≥ 400 throw. */
  acceptStatus?: readonly number[];
  /**
   * The caller's own words for an error status its users know better (Jenkins' 401 names tokenEnv, a
   * missing view's 404); undefined leaves the status to the generic messages below.
   */
  statusMessage?(status: number): string | undefined;
}

export interface JsonResponse {
  status: number;
  json: unknown;
}

/** An answer that passed every check but parsing: for a caller that parses elsewhere (a worker thread). */
export interface JsonTextResponse {
  status: number;
  text: string;
  /** The error for a text that turns out not to parse, quoting its start with the request's secrets redacted. */
  invalidJson(): Error;
}

/**
 * GET a JSON API and fail in words for the wall: wrong credentials, a login page or proxy error
 * page instead of JSON, an empty answer. Never lets a stack trace or a page of HTML through.
 */
export async function getJson(req: JsonRequest): Promise<JsonResponse> {
  const { status, text, invalidJson } = await getJsonText(req);
  try {
    return { status, json: JSON.parse(text) as unknown };
  } catch {
    throw invalidJson();
  }
}

/** getJson without the parse: every status, HTML and empty-answer check, and the body as text. */
export async function getJsonText(req: JsonRequest): Promise<JsonTextResponse> {
  const { api, acceptStatus = [], statusMessage, ...request } = req;
  const where = describeUrl(req.url);
  const response = await httpRequest({ ...request, headers: { accept: 'application/json', ...request.headers } });
  const type = String(response.headers['content-type'] ?? '');
  const body = response.body;
  // an error page may echo the request's credentials: they go before any of it is quoted, and before it
  // is clipped, which could otherwise leave the start of one for the scheduler's redactor to miss
  const quotable = () => redactorFor(req).redact(body.length > QUOTED_HEAD_CHARS ? body.slice(0, QUOTED_HEAD_CHARS) : body);
  const own = statusMessage?.(response.status);
  if (own) throw new Error(own);
  if (response.status === 401) {
    throw new Error(
      `authentication failed (HTTP 401) at ${where}${req.auth ? ` for user "${req.auth.username}"` : ' — no credentials configured'}; check username and passwordEnv`,
    );
  }
  if (response.status === 403) throw new Error(`access denied (HTTP 403) at ${where}${req.auth ? ` for user "${req.auth.username}"` : ''}`);
  if (response.status >= 400 && !acceptStatus.includes(response.status)) {
    const hint = looksLikeHtml(type, body) ? htmlTitle(quotable()) : oneLine(quotable());
    throw new Error(`HTTP ${response.status} from ${where}${hint ? `: ${hint}` : ''}`);
  }
  if (body.trim() === '') throw new Error(`empty response from ${where} (HTTP ${response.status})`);
  if (looksLikeHtml(type, body)) {
    const title = htmlTitle(quotable());
    throw new Error(`not a ${api} response: got HTML${title ? ` ("${title}")` : ''} from ${where} — wrong URL, or a login page in front?`);
  }
  return {
    status: response.status,
    text: body,
    invalidJson: () => new Error(`not a ${api} response: invalid JSON from ${where} (starts with ${JSON.stringify(oneLine(quotable()).slice(0, 40))})`),
  };
}

/** The credentials this request sends, in every form an upstream could echo them in. */
function redactorFor(req: JsonRequest): SecretRedactor {
  const secrets: ConfiguredSecret[] = Object.values(req.secretHeaders ?? {}).map((value) => ({ value }));
  if (req.auth) secrets.push({ value: req.auth.password, username: req.auth.username });
  return SecretRedactor.fromSecrets(secrets, [req.url]);
}

/** host + path, without credentials or query: short enough for a tile, safe to show. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return url;
  }
}

function looksLikeHtml(contentType: string, body: string): boolean {
  return /html/i.test(contentType) || /^\s*</.test(body);
}

function htmlTitle(body: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1] ?? /<h1[^>]*>([^<]*)<\/h1>/i.exec(body)?.[1] ?? '';
  return oneLine(title).slice(0, 80);
}

/**
 * Text from an answer body (or a field of it) as one short plain line for an error message: the
 * server is not trusted, so terminal escape codes, control characters and bidi overrides go, as
 * they do for plugin output (see plain-text.ts), and the line is clipped.
 */
export function oneLine(text: string, maxChars = 120): string {
  return plainLine(text, maxChars);
}
