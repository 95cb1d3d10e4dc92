// ESC-introduced sequences: CSI (colours, cursor moves), OSC (titles, hyperlinks), and two-byte escapes
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]?/g;
// C0/C1 controls, DEL, line/paragraph separators, and bidi marks and overrides that could make text
// read differently from what it is
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]+/g;

/**
 * The one sanitizer for upstream text (Nagios/Icinga output and names, munin series, labels and
 * reasons, HTTP error text). Untrusted upstream text as one plain line for the wall: escape sequences and
 * control characters removed, whitespace collapsed, clipped to `maxChars` with an ellipsis. The
 * widget binds it as text, so markup is harmless already; this keeps terminal colour codes and
 * megabyte outputs from reaching the screen.
 */
export function plainLine(text: string, maxChars: number): string {
  // a pathological output need not be scanned in full to show its first 300 characters
  const head = text.length > maxChars * 4 + 1024 ? text.slice(0, maxChars * 4 + 1024) : text;
  const clean = head.replace(ANSI, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  if (clean.length <= maxChars) return clean;
  // never cut an emoji or other astral character in half
  const cut = clean.slice(0, maxChars - 1).replace(/[\ud800-\udbff]$/, '');
  return `${cut.trimEnd()}…`;
}
