/** Longest request path served; a board URL is tens of characters, so anything near this is not a display. */
export const MAX_PATH_LENGTH = 2_048;

export type RequestPath = { ok: true; path: string } | { ok: false; status: 400 | 414; message: string };

/**
 * The decoded path of a request target. Parsed by hand rather than with `new URL(target, base)`:
 * that reads `//host:port/…` as an authority and throws on a bad port, and it would route
 * `//evil.example/boards/ops` to `/boards/ops`. Whatever a client sends ends as a path or a 400.
 */
export function parseRequestPath(target: string | undefined): RequestPath {
  let raw = target ?? '/';
  // absolute-form ("GET http://host/path"), which HTTP/1.1 servers must accept: keep only the path
  const absolute = /^https?:\/\/[^/?#]*/i.exec(raw);
  if (absolute) raw = raw.slice(absolute[0].length) || '/';
  raw = raw.replace(/[?#].*$/s, '');
  if (raw.length > MAX_PATH_LENGTH) {
    return { ok: false, status: 414, message: `the path is ${raw.length} characters long; at most ${MAX_PATH_LENGTH} are served` };
  }
  const shown = JSON.stringify(raw.slice(0, 200));
  if (!raw.startsWith('/')) return { ok: false, status: 400, message: `malformed URL ${shown}: expected a path starting with "/"` };
  if (raw.startsWith('//')) return { ok: false, status: 400, message: `malformed URL ${shown}: a path cannot start with "//"` };
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return { ok: false, status: 400, message: `malformed percent-encoding in ${raw.slice(0, 200)}` };
  }
  if (/[\u0000-\u001f\u007f-\u009f]/.test(path)) {
    return { ok: false, status: 400, message: `malformed URL ${shown}: control characters in the path` };
  }
  return { ok: true, path };
}
