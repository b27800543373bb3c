import { describe, expect, it } from 'vitest';
import { calendar, escapeText, foldLine, parseCalendar, utc } from './ical.ts';

describe('iCalendar writer', () => {
  it('escapes backslashes, semicolons, commas and newlines', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds lines at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'è'.repeat(100)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
    for (const p of parts.slice(1)) expect(p.startsWith(' ')).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });

  it('writes UTC date-times', () => {
    expect(utc(new Date('2026-03-12T17:30:00.123Z'))).toBe('20260312T173000Z');
  });

  it('round-trips through a parser: one VEVENT per event, text back as written, cancelled ones marked', () => {
    const description =
      'Porta una borraccia; si parte alle 9, col sole o con la pioggia.\nInfo: 030 123456 \\ ufficio';
    const text = calendar('Città del Noi – Brescia', [
      {
        uid: 'a@example.org',
        stamp: new Date('2026-01-01T10:00:00Z'),
        start: new Date('2026-03-12T08:00:00Z'),
        end: new Date('2026-03-12T09:00:00Z'),
        summary: 'Gruppo di cammino, Lamarmora',
        location: 'Punto Comunità Lamarmora, Via Lamarmora 230',
        description: description.repeat(3),
        url: 'http://localhost:3000/eventi/a',
        geo: { lat: 45.52, lon: 10.22 },
      },
      {
        uid: 'b@example.org',
        stamp: new Date('2026-01-01T10:00:00Z'),
        start: new Date('2026-03-19T08:00:00Z'),
        end: new Date('2026-03-19T09:00:00Z'),
        summary: 'Annullato',
        cancelled: true,
      },
    ]);
    expect(text.endsWith('\r\n')).toBe(true);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text).not.toMatch(/[^\r]\n/);
    const lines = parseCalendar(text);
    expect(lines[0]).toMatchObject({ name: 'BEGIN', value: 'VCALENDAR' });
    expect(lines.at(-1)).toMatchObject({ name: 'END', value: 'VCALENDAR' });
    expect(lines.filter((l) => l.name === 'BEGIN' && l.value === 'VEVENT')).toHaveLength(2);
    const value = (name: string, i = 0) => lines.filter((l) => l.name === name)[i]?.value;
    expect(value('SUMMARY')).toBe('Gruppo di cammino, Lamarmora');
    expect(value('DESCRIPTION')).toBe(description.repeat(3));
    expect(value('LOCATION')).toBe('Punto Comunità Lamarmora, Via Lamarmora 230');
    expect(value('DTSTART')).toBe('20260312T080000Z');
    expect(value('UID', 1)).toBe('b@example.org');
    expect(value('STATUS', 0)).toBe('CONFIRMED');
    expect(value('STATUS', 1)).toBe('CANCELLED');
    expect(value('X-WR-CALNAME')).toBe('Città del Noi – Brescia');
  });
});
