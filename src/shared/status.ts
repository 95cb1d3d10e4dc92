/** The one health vocabulary used by every tile, API response and widget. */
export type Status = 'ok' | 'warning' | 'critical' | 'unknown';
