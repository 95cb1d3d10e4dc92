/** What the crash-safety writer records, shared with the test that checks what survived. */
export const CRASH_T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
export const CRASH_STEP_MS = 10_000;
export const CRASH_SERIES = 200;
