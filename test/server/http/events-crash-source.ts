/** The pushed source of the events crash test's server, shared with the test that posts to it. */
export const CRASH_SOURCE = 'wall-metrics';
export const CRASH_TOKEN = 'crash-test-token-5f1c8a';
