/** Risk priority number: severity × occurrence × detection, each 1–10, so 1 to 1000. */
export function rpn(severity: number, occurrence: number, detection: number): number {
  for (const [name, value] of [['severity', severity], ['occurrence', occurrence], ['detection', detection]] as const) {
    if (!Number.isInteger(value) || value < 1 || value > 10) throw new RangeError(`${name} must be a whole number from 1 to 10, got ${value}`);
  }
  return severity * occurrence * detection;
}
