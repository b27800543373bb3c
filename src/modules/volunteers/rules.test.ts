import { describe, expect, it } from 'vitest';
import {
  availableAt,
  checkSlots,
  localWeekMinute,
  needsClearance,
  nextVolunteerStatuses,
} from './service/rules.ts';

describe('volunteer rules', () => {
  it('finds slots that overlap on the same day; touching slots and other days are fine', () => {
    expect(
      checkSlots([
        { weekday: 1, start: '09:00', end: '12:00' },
        { weekday: 1, start: '12:00', end: '15:00' },
        { weekday: 2, start: '10:00', end: '11:00' },
      ]).bad,
    ).toEqual([]);
    expect(
      checkSlots([
        { weekday: 1, start: '09:00', end: '12:00' },
        { weekday: 2, start: '09:00', end: '10:00' },
        { weekday: 1, start: '11:59', end: '13:00' },
      ]).bad,
    ).toEqual([0, 2]);
    expect(checkSlots([{ weekday: 3, start: '18:00', end: '09:00' }]).bad).toEqual([0]);
    expect(checkSlots([{ weekday: 3, start: '20:00', end: '24:00' }]).slots).toEqual([
      { weekday: 3, startMinute: 1200, endMinute: 1440 },
    ]);
  });

  it('needs clearance for minors, and for time alone with a vulnerable adult', () => {
    expect(needsClearance('shopping', { minorsInvolved: true })).toBe(true);
    expect(needsClearance('company', { age: 80 })).toBe(true);
    expect(needsClearance('escort', { livesAlone: true })).toBe(true);
    expect(needsClearance('company', { age: 40 })).toBe(false);
    expect(needsClearance('shopping', { age: 90, livesAlone: true, healthIssue: true })).toBe(false);
  });

  it('reads the weekday and minute in Europe/Rome (summer and winter time)', () => {
    // Monday 6 January 2025, 08:30 UTC = 09:30 in Rome; Sunday 6 July 2025, 22:15 UTC = 00:15 Monday in Rome.
    expect(localWeekMinute(new Date('2025-01-06T08:30:00Z'))).toEqual({ weekday: 1, minute: 570 });
    expect(localWeekMinute(new Date('2025-07-06T22:15:00Z'))).toEqual({ weekday: 1, minute: 15 });
    const slots = [{ weekday: 1, startMinute: 540, endMinute: 600 }];
    expect(availableAt(slots, new Date('2025-01-06T08:30:00Z'))).toBe(true);
    expect(availableAt(slots, new Date('2025-01-06T09:30:00Z'))).toBe(false);
  });

  it('never lets a volunteer go back to applied', () => {
    for (const next of Object.values(nextVolunteerStatuses)) expect(next).not.toContain('applied');
  });
});
