/** One benchmark: runs, then returns its measurements as plain JSON-able numbers and strings. */
export interface Benchmark {
  name: string;
  run(): Promise<Record<string, unknown>>;
}
