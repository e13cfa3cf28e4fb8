import type { z } from 'zod';
import type { PlannerCell, PlannerResult, PlannerRow, plannerInput } from '../../contract/zone-planner.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { zoneIn } from './data-source.ts';
import { resolveZone } from './find.ts';
import { chooseSource } from './sources.ts';
import { Temporal } from './temporal.ts';
import type { LocalTimeType } from './tzif.ts';
import { formatOffset } from './zoned-time.ts';
import type { ZoneSource } from './zone-source.ts';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Local hours counted as night when outside working hours: 22:00 to 06:59. */
const NIGHT_FROM = 22 * 60;
const NIGHT_UNTIL = 7 * 60;
const DEFAULT_HOURS = { start: '09:00', end: '17:00' };

/** A zone's offsets over a span: the type at its start and every change inside it, read once. */
interface Segment {
  from: number;
  type: LocalTimeType;
}

function segmentsOf(source: ZoneSource, zone: string, start: number, end: number): Segment[] {
  const segments: Segment[] = [{ from: -Infinity, type: source.typeAt(zone, start) }];
  let cursor = start;
  for (;;) {
    const next = source.nextTransition(zone, cursor);
    if (!next || next.at > end) break;
    segments.push({ from: next.at, type: next.after });
    cursor = next.at;
  }
  return segments;
}

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const two = (value: number) => String(value).padStart(2, '0');

/** Whether a local minute of the day lies inside working hours; an end before the start runs past midnight. */
function working(minute: number, start: number, end: number): boolean {
  return start <= end ? minute >= start && minute < end : minute >= start || minute < end;
}

function changeText(before: LocalTimeType, after: LocalTimeType): string {
  const delta = after.offset - before.offset;
  const amount = Math.abs(delta) % 3600 === 0 ? `${Math.abs(delta) / 3600} h` : `${Math.abs(delta) / 60} min`;
  const direction = delta > 0 ? 'forward' : 'back';
  return `Clocks go ${direction} ${amount}: ${formatOffset(before.offset)} ${before.abbreviation} → ${formatOffset(after.offset)} ${after.abbreviation}`;
}

/** Local midnight of a date in a zone; where midnight is skipped (a DST gap), the first instant after it. */
function startOfDay(source: ZoneSource, zone: string, date: string): number {
  return source.resolve(zone, Temporal.PlainDate.from(date).toPlainDateTime(), 'later').epochMilliseconds;
}

/**
 * The next row a step later, moved on to the organiser's next whole step of wall-clock time where a
 * change that is not a whole step (Lord Howe's 30 minutes) would put every later row at hh:30.
 */
function nextRow(source: ZoneSource, zone: string, at: number, step: number): number {
  const next = at + step;
  const local = next + source.typeAt(zone, next).offset * 1000;
  const off = ((local % step) + step) % step;
  return off === 0 ? next : next + step - off;
}

/**
 * The planner grid: rows from local midnight of the date in the first (organiser's) zone to midnight
 * of the day after the last, one per step, so a 23- or 25-hour day has 23 or 25 hourly rows. Each
 * cell is the local time in one zone, with its state (work, off, night, weekend) and the date or
 * offset change that happens in it.
 */
export async function planMeeting(input: z.output<typeof plannerInput>): Promise<PlannerResult> {
  const { source, notice } = chooseSource(input.tzdata);
  if (input.hours.length > input.zones.length)
    throw new SuiteError(
      'BAD_INPUT',
      `${input.hours.length} working-hour ranges for ${input.zones.length} zone(s): give one range for every zone, or one per zone in order.`,
    );
  const zones = input.zones.map((name) => zoneIn(source, resolveZone(name, source)));
  const hours = zones.map((_, i) => input.hours[i] ?? DEFAULT_HOURS);
  const organiser = zones[0]!;
  let date: string;
  try {
    date = Temporal.PlainDate.from(input.date, { overflow: 'reject' }).toString();
  } catch {
    throw new SuiteError('BAD_INPUT', `There is no date ${input.date}; give the date as YYYY-MM-DD.`);
  }
  if (date < '0001-01-02' || Temporal.PlainDate.from(date).add({ days: input.days }).year > 9999)
    throw new SuiteError('BAD_INPUT', 'Plan days from 0001-01-02 to 9999-12-30.');
  const dayStarts = Array.from({ length: input.days + 1 }, (_, day) =>
    startOfDay(source, organiser, Temporal.PlainDate.from(date).add({ days: day }).toString()),
  );
  const start = dayStarts[0]!;
  const end = dayStarts.at(-1)!;
  const step = input.stepMinutes * 60_000;
  const segments = zones.map((zone) => segmentsOf(source, zone, start - step, end));
  const cursors = zones.map(() => 0);
  // The first row names every zone's date; after that a date is named where it changes.
  const previous = zones.map((zone) => ({ type: source.typeAt(zone, start - step), date: '' }));

  const rows: PlannerRow[] = [];
  for (let at = start; at < end; at = nextRow(source, organiser, at, step)) {
    const cells = zones.map((_, i): PlannerCell => {
      const zoneSegments = segments[i]!;
      while (cursors[i]! + 1 < zoneSegments.length && zoneSegments[cursors[i]! + 1]!.from <= at)
        cursors[i]!++;
      const type = zoneSegments[cursors[i]!]!.type;
      const local = new Date(at + type.offset * 1000);
      const day = local.getUTCDay();
      const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
      const time = `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
      const localDate = local.toISOString().slice(0, 10);
      const before = previous[i]!;
      const state =
        day === 0 || day === 6
          ? 'weekend'
          : working(minute, minutesOf(hours[i]!.start), minutesOf(hours[i]!.end))
            ? 'work'
            : minute >= NIGHT_FROM || minute < NIGHT_UNTIL
              ? 'night'
              : 'off';
      const cell: PlannerCell = {
        time,
        date: localDate,
        weekday: WEEKDAYS[day]!,
        offset: formatOffset(type.offset),
        abbreviation: type.abbreviation,
        state,
        dateChange:
          localDate === before.date
            ? null
            : `${WEEKDAYS[day]} ${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]}`,
        offsetChange: type.offset === before.type.offset ? null : changeText(before.type, type),
      };
      previous[i] = { type, date: localDate };
      return cell;
    });
    rows.push({
      epochMilliseconds: at,
      utc: new Date(at).toISOString().slice(0, 16).replace('T', ' '),
      cells,
      everyoneWorking: cells.every((cell) => cell.state === 'work'),
    });
  }
  return {
    date,
    days: input.days,
    stepMinutes: input.stepMinutes,
    zones: zones.map((zone, i) => ({ zone, requestedAs: input.zones[i]!.trim(), hours: hours[i]! })),
    dayLengths: dayStarts.slice(0, -1).map((dayStart, day) => ({
      date: Temporal.PlainDate.from(date).add({ days: day }).toString(),
      hours: (dayStarts[day + 1]! - dayStart) / 3_600_000,
    })),
    rows,
    dataSource: source.label,
    dataNotice: notice,
  };
}
