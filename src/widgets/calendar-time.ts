const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * When something began, as people on the wall say it, in the display's time zone: "14:05" today,
 * "Tue" within the last six days, "3 Jan" before that. For "M-4409 since Tue".
 */
export function formatCalendarTime(then: number, now: number): string {
  const at = new Date(then);
  const today = new Date(now);
  today.setHours(0, 0, 0, 0);
  if (then >= today.getTime()) return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
  const weekAgo = new Date(today);
  weekAgo.setDate(today.getDate() - 6);
  if (then >= weekAgo.getTime()) return WEEKDAYS[at.getDay()]!;
  return `${at.getDate()} ${MONTHS[at.getMonth()]}`;
}
