import { describe, expect, it } from 'vitest';
import { cronIntervalMs, cronProblem } from '../../../src/server/config/cron-schedule.js';

describe('cron schedules', () => {
  it('gives the interval of a regular schedule', () => {
    expect(cronIntervalMs('*/5 * * * * *')).toBe(5_000);
    expect(cronIntervalMs('0 */5 * * * *')).toBe(300_000);
  });

  it('takes the longest gap of an irregular schedule, whatever the time it is asked', () => {
    // hourly from 9 to 17 on weekdays: the weekend gap (Friday 17:00 → Monday 09:00) counts
    expect(cronIntervalMs('0 0 9-17 * * 1-5')).toBe((2 * 24 + 16) * 3_600_000);
    expect(cronIntervalMs('0 0 9-17 * * *')).toBe(16 * 3_600_000);
  });

  it('wants six fields', () => {
    expect(cronProblem('*/5 * * * *')).toMatch(/6-field cron expression with seconds/);
    expect(cronProblem('*/5 * * * * *')).toBeNull();
  });
});
