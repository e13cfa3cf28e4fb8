import { z } from 'zod';
import type { Ambiguity, TzdataSource, ZonedTime } from './zone.ts';

// Meeting planner, .ics export, zone search and world clock (issue 14); the channels join zoneChannels.

// zone.ts's TZDATA_SOURCES, spelled out: importing the value would be circular (zone.ts imports this file).
const TZDATA = ['auto', 'shipped', 'system', 'runtime'] as const satisfies readonly TzdataSource[];
const tzdata = z.enum(TZDATA).default('auto');
/** A zone as people name it: Europe/Berlin, Frankfurt, Japan, PST (resolved in the main process). */
const zoneQuery = z.string().trim().min(1, 'Choose a time zone.').max(64);
const clock = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Give working hours as HH:MM, such as 09:00 and 17:00.');

export const plannerInput = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Give the date as YYYY-MM-DD, such as 2026-12-01.'),
  /** The first zone is the organiser's: rows run over its day. */
  zones: z.array(zoneQuery).min(1, 'Choose at least one zone.').max(20, 'Plan with at most 20 zones.'),
  /** Working hours per zone, in the same order; a missing one is 09:00–17:00. */
  hours: z
    .array(z.object({ start: clock, end: clock }))
    .max(20)
    .default([]),
  stepMinutes: z.union([z.literal(60), z.literal(30), z.literal(15)]).default(60),
  days: z.number().int().min(1).max(7, 'Plan at most 7 days at a time.').default(1),
  tzdata,
});

export type CellState = 'work' | 'off' | 'night' | 'weekend';

export interface PlannerCell {
  /** Local wall clock, "09:30". */
  time: string;
  date: string;
  weekday: string;
  offset: string;
  abbreviation: string;
  state: CellState;
  /** "Tue 2 Dec" in the first row and where the local date changes, else null. */
  dateChange: string | null;
  /** "Clocks go back 1 h: -04:00 EDT → -05:00 EST" in the cell where the offset changes, else null. */
  offsetChange: string | null;
}

export interface PlannerRow {
  epochMilliseconds: number;
  /** "2026-12-01 14:00" in UTC. */
  utc: string;
  cells: PlannerCell[];
  /** Every zone is inside its working hours. */
  everyoneWorking: boolean;
}

export interface PlannerResult {
  date: string;
  days: number;
  stepMinutes: number;
  zones: { zone: string; requestedAs: string; hours: { start: string; end: string } }[];
  /** Length of each of the organiser's days in hours: 23 or 25 on a DST change. */
  dayLengths: { date: string; hours: number }[];
  rows: PlannerRow[];
  dataSource: string;
  /** Said when older tz data was chosen by hand while newer data is here, else null. */
  dataNotice: string | null;
}

export const icsInput = z.object({
  time: z.string().trim().min(1, 'Enter the start of the meeting, such as 2026-12-01 09:00.').max(100),
  from: zoneQuery,
  minutes: z
    .number()
    .int()
    .min(1, 'A meeting lasts at least a minute.')
    .max(7 * 24 * 60, 'A meeting lasts at most 7 days.')
    .default(60),
  title: z.string().max(200, 'Keep the title under 200 characters.').default('Meeting'),
  disambiguation: z.enum(['compatible', 'earlier', 'later', 'reject']).default('compatible'),
  tzdata,
});

export interface IcsResult {
  /** The calendar file, CRLF line ends as RFC 5545 asks. */
  text: string;
  fileName: string;
  start: ZonedTime;
  end: ZonedTime;
  ambiguity: Ambiguity | null;
  dataSource: string;
  /** Said when older tz data was chosen by hand while newer data is here, else null. */
  dataNotice: string | null;
}

export const findInput = z.object({
  text: z.string().trim().min(1, 'Type a city, country, abbreviation or zone name.').max(64),
});

export interface ZoneMatch {
  zone: string;
  by: 'zone' | 'abbreviation' | 'city' | 'country';
  /** What matched, as the data writes it: "Frankfurt (Germany)", "IST", "Japan". */
  label: string;
  offsetNow: string;
  abbreviationNow: string;
}

export interface FindResult {
  query: string;
  matches: ZoneMatch[];
  /** The zone the text names on its own, or null when it names none or several. */
  unique: string | null;
}

export const worldClockInput = z.object({
  zones: z.array(zoneQuery).max(50, 'Show at most 50 clocks.'),
  /** The viewer's zone, against which offsets and days are given. */
  localZone: zoneQuery,
  tzdata,
});

export interface WorldClockEntry {
  zone: string;
  /** "14:05:09". */
  time: string;
  date: string;
  weekday: string;
  offset: string;
  abbreviation: string;
  /** "+9 h", "−5:30", "same time". */
  fromLocal: string;
  /** "today", "tomorrow", "yesterday" as seen from the local date. */
  relativeDay: string;
  /** The next change within a year: "clocks go back in 12 days". */
  nextChange: { at: string; offsetAfter: string; text: string } | null;
}

export interface WorldClock {
  at: number;
  localZone: string;
  clocks: WorldClockEntry[];
  dataSource: string;
}
