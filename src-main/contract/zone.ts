import { z } from 'zod';
import { channel } from './define.ts';
import { findInput, icsInput, plannerInput, worldClockInput } from './zone-planner.ts';
import type { FindResult, IcsResult, PlannerResult, WorldClock } from './zone-planner.ts';

export const DISAMBIGUATIONS = ['compatible', 'earlier', 'later', 'reject'] as const;
export type Disambiguation = (typeof DISAMBIGUATIONS)[number];
/** auto: the newest of the shipped data, the system's zoneinfo files and the runtime's ICU. */
export const TZDATA_SOURCES = ['auto', 'shipped', 'system', 'runtime'] as const;
export type TzdataSource = (typeof TZDATA_SOURCES)[number];

const zoneName = z.string().trim().min(1, 'Choose a time zone.').max(64);
const common = {
  disambiguation: z.enum(DISAMBIGUATIONS).default('compatible'),
  tzdata: z.enum(TZDATA_SOURCES).default('auto'),
};

export const convertInput = z.object({
  time: z
    .string()
    .trim()
    .min(1, 'Enter a date and time, a Unix time, or an ISO-8601 / RFC 2822 timestamp.')
    .max(100),
  from: zoneName,
  // Room for every zone there is (about 420), for a world clock of all of them.
  to: z.array(zoneName).max(600).default([]),
  /** How a bare number is read: auto picks seconds or milliseconds by its size. */
  unixUnit: z.enum(['auto', 'seconds', 'milliseconds']).default('auto'),
  ...common,
});

const amount = z.number().int().min(-100000).max(100000).default(0);
export const shiftInput = z.object({
  time: convertInput.shape.time,
  from: zoneName,
  unixUnit: convertInput.shape.unixUnit,
  add: z
    .object({ years: amount, months: amount, days: amount, hours: amount, minutes: amount })
    // A Temporal duration has one sign: "-1 day +2 hours" is two shifts, as Temporal.Duration refuses it.
    .refine((add) => !(Object.values(add).some((n) => n > 0) && Object.values(add).some((n) => n < 0)), {
      message:
        'Shift amounts must all go the same way (all + or all −): shift twice to go back a day and on 2 hours.',
    })
    .default({ years: 0, months: 0, days: 0, hours: 0, minutes: 0 }),
  ...common,
});

export const transitionsInput = z
  .object({
    zone: zoneName,
    fromYear: z.number().int().min(1, 'Years run from 1 to 9999.').max(9999, 'Years run from 1 to 9999.'),
    toYear: z.number().int().min(1, 'Years run from 1 to 9999.').max(9999, 'Years run from 1 to 9999.'),
    tzdata: common.tzdata,
  })
  .refine((input) => input.toYear >= input.fromYear, {
    message: 'The last year must not come before the first.',
  })
  .refine((input) => input.toYear - input.fromYear <= 500, {
    message: 'Ask for at most 500 years at a time.',
  });

export interface ZoneEntry {
  /** Canonical IANA name. */
  id: string;
  /** Other names that mean the same zone (legacy links such as US/Pacific). */
  aliases: string[];
  country: string | null;
  cities: string[];
  /** Current UTC offset, e.g. "+05:30". */
  offsetNow: string;
  abbreviationNow: string;
}

export interface ZoneList {
  zones: ZoneEntry[];
  systemZone: string;
  dataVersions: DataVersions;
}

export interface DataVersions {
  /** The tz data shipped with the app: "shipped (moment-timezone 0.6.6, tz 2026f)". */
  shipped: string;
  runtime: string;
  /** null where the system has no zoneinfo files (Windows). */
  system: string | null;
  /** The label of the data that answers by default (the newest). */
  newest: string;
}

/** One instant as seen in one zone. */
export interface ZonedTime {
  zone: string;
  /** The name the user gave when it differs from the canonical one (Asia/Calcutta). */
  requestedAs: string | null;
  /** Wall-clock time, "2017-03-10 21:30:00". */
  wall: string;
  weekday: string;
  /** "+05:30", or "+00:19:32" when the offset has seconds. */
  offset: string;
  abbreviation: string;
  dst: boolean;
  /** ISO-8601 with offset and zone annotation. */
  iso: string;
  unixSeconds: number;
  unixMilliseconds: number;
  rfc2822: string;
}

export type InputKind = 'wall' | 'unix-seconds' | 'unix-milliseconds' | 'iso-instant' | 'rfc2822';

export interface Ambiguity {
  kind: 'gap' | 'overlap';
  message: string;
  earlier: ZonedTime;
  later: ZonedTime;
  chosen: 'earlier' | 'later';
}

export interface ConvertResult {
  inputKind: InputKind;
  /** How the input was read, in words: "Unix time in seconds", "wall time in Asia/Seoul". */
  inputReading: string;
  source: ZonedTime;
  targets: ZonedTime[];
  ambiguity: Ambiguity | null;
  /** Which data answered: "runtime (ICU 78.3, tz 2026c)" or "system (/usr/share/zoneinfo, tz 2026f)". */
  dataSource: string;
  /** Set when older data than the newest present was chosen by hand. */
  dataNotice: string | null;
  /** Set when the input's offset and its [zone] annotation disagree: which one was used, as Temporal does. */
  inputNotice: string | null;
}

export interface ShiftResult {
  before: ZonedTime;
  after: ZonedTime;
  /** Set when the UTC offset differs between start and result, e.g. DST began on the way. */
  offsetChange: string | null;
  ambiguity: Ambiguity | null;
  dataSource: string;
  dataNotice: string | null;
}

export interface Transition {
  /** The instant of change, ISO-8601 in UTC. */
  at: string;
  unixSeconds: number;
  offsetBefore: string;
  offsetAfter: string;
  abbreviationBefore: string;
  abbreviationAfter: string;
  dstBefore: boolean;
  dstAfter: boolean;
  /** Local wall time just before and at the change. */
  wallBefore: string;
  wallAfter: string;
}

export interface TransitionsResult {
  zone: string;
  transitions: Transition[];
  /** Set when the listing stopped at its limit (1,000 rows): says so and where it stopped. */
  truncated: string | null;
  next: Transition | null;
  dataSource: string;
  dataNotice: string | null;
}

/** How far a transitions listing has got, at most ten times a second. */
export interface TransitionsProgress {
  found: number;
  year: number;
}

/** Most transitions one listing returns; a longer range says where it stopped. */
export const MAX_TRANSITIONS = 1000;

export const zoneChannels = {
  'zone.list': channel<ZoneList>()(z.object({}), 'Every IANA time zone the runtime knows, with search data'),
  'zone.convert': channel<ConvertResult>()(convertInput, 'A time in one zone shown in others'),
  'zone.shift': channel<ShiftResult>()(shiftInput, 'Calendar arithmetic with wall-clock meaning in a zone'),
  'zone.transitions': channel<TransitionsResult, TransitionsProgress>()(
    transitionsInput,
    'Offset changes of a zone over a range of years',
  ),
  'zone.planner': channel<PlannerResult>()(plannerInput, 'Meeting planner grid: a day of hours across zones'),
  'zone.ics': channel<IcsResult>()(icsInput, 'A meeting as an RFC 5545 calendar event with its VTIMEZONE'),
  'zone.find': channel<FindResult>()(findInput, 'Zones a city, country, abbreviation or name can mean'),
  'zone.worldClock': channel<WorldClock>()(
    worldClockInput,
    'Favourite zones now, with offsets and next change',
  ),
};
