/**
 * An allowed range in munin's `min:max` sense: a value outside it raises the alarm.
 * `null` on either side means unbounded ("400" means max 400, "10:" means min 10).
 */
export interface Threshold {
  min: number | null;
  max: number | null;
}
