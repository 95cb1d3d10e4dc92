/**
 * What every answer tells the browser. The display app is one script from this origin that talks to
 * this origin (HTTP and its Socket.IO WebSocket); its styles include a `<style>` block and `style`
 * attributes set by Lit templates, hence `'unsafe-inline'` for styles only, never for scripts.
 * A browser that does not count `ws:` to the same host as `'self'` (old Safari) falls back to
 * Socket.IO's long polling, which is plain HTTP to this origin.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  // a board is a full-screen page of its own: no other site may frame it (clickjacking)
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  // for browsers that predate frame-ancestors
  'x-frame-options': 'DENY',
  // board and playlist ids stay on the wall, not in the logs of whatever a page links to
  'referrer-policy': 'no-referrer',
};
