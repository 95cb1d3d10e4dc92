import { describe, expect, it } from 'vitest';
import { formatCalendarTime } from '../../src/widgets/calendar-time.js';

describe('calendar time ("since Tue")', () => {
  // local times, as the display shows them: Thursday 10 January 2030, 10:30
  const now = new Date(2030, 0, 10, 10, 30).getTime();

  it('says the time of day for today, the weekday within six days, the date before', () => {
    expect(formatCalendarTime(new Date(2030, 0, 10, 0, 0).getTime(), now)).toBe('00:00');
    expect(formatCalendarTime(new Date(2030, 0, 10, 9, 5).getTime(), now)).toBe('09:05');
    expect(formatCalendarTime(new Date(2030, 0, 9, 23, 59).getTime(), now)).toBe('Wed');
    expect(formatCalendarTime(new Date(2030, 0, 8, 12, 0).getTime(), now)).toBe('Tue');
    expect(formatCalendarTime(new Date(2030, 0, 4, 0, 0).getTime(), now)).toBe('Fri');
    expect(formatCalendarTime(new Date(2030, 0, 3, 23, 59).getTime(), now)).toBe('3 Jan');
    expect(formatCalendarTime(new Date(2029, 11, 24, 8, 0).getTime(), now)).toBe('24 Dec');
  });
});
