/** `data` of the clock widget. The browser ticks the time itself; the server only says how. */
export interface ClockData {
  /** IANA time zone, e.g. "Europe/Berlin"; null = the display's local zone. */
  timeZone: string | null;
  /** Small caption under the time, e.g. the city name. */
  label: string | null;
  showSeconds: boolean;
}
