import { describe, expect, it } from 'vitest';
import { formatTime, gaps, overlaps, parseTime, romeMoment, understaffed } from './week.ts';

describe('the helpline week', () => {
  it('reads and writes times of day', () => {
    expect(parseTime('09:30')).toBe(570);
    expect(parseTime('00:00')).toBe(0);
    expect(parseTime('24:00')).toBe(1440);
    for (const bad of ['24:01', '9:30', '25:00', '12:60', '', 'noon'])
      expect(parseTime(bad), bad).toBeUndefined();
    expect(formatTime(570)).toBe('09:30');
    expect(formatTime(1440)).toBe('24:00');
  });

  it('finds the weekday and time in Rome, winter and summer', () => {
    expect(romeMoment(new Date('2025-01-13T22:30:00Z'))).toEqual({ weekday: 1, minute: 23 * 60 + 30 });
    expect(romeMoment(new Date('2025-01-13T23:30:00Z'))).toEqual({ weekday: 2, minute: 30 });
    expect(romeMoment(new Date('2025-07-05T21:59:00Z'))).toEqual({ weekday: 6, minute: 23 * 60 + 59 });
    expect(romeMoment(new Date('2025-07-05T22:00:00Z'))).toEqual({ weekday: 7, minute: 0 });
  });

  it('says when two shifts overlap (touching ends do not)', () => {
    const a = { weekday: 1, start: 540, end: 720 };
    expect(overlaps(a, { weekday: 1, start: 720, end: 900 })).toBe(false);
    expect(overlaps(a, { weekday: 1, start: 600, end: 660 })).toBe(true);
    expect(overlaps(a, { weekday: 1, start: 480, end: 900 })).toBe(true);
    expect(overlaps(a, { weekday: 2, start: 540, end: 720 })).toBe(false);
  });

  it('lists the gaps (opening minus the union of shifts) and the understaffed stretches', () => {
    const opening = [
      { weekday: 1, start: 540, end: 1260 },
      { weekday: 2, start: 540, end: 1260 },
    ];
    const shifts = [
      { weekday: 1, start: 480, end: 720 },
      { weekday: 1, start: 600, end: 900 },
      { weekday: 1, start: 960, end: 1440 },
      { weekday: 3, start: 0, end: 1440 },
    ];
    expect(gaps(opening, shifts)).toEqual([
      { weekday: 1, start: 900, end: 960 },
      { weekday: 2, start: 540, end: 1260 },
    ]);
    expect(understaffed(opening, shifts, 2)).toEqual([
      { weekday: 1, start: 540, end: 600, count: 1 },
      { weekday: 1, start: 720, end: 900, count: 1 },
      { weekday: 1, start: 960, end: 1260, count: 1 },
    ]);
    expect(gaps([{ weekday: 7, start: 0, end: 1440 }], [{ weekday: 7, start: 0, end: 1440 }])).toEqual([]);
  });
});
