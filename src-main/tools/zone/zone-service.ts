import type { z } from 'zod';
import { MAX_TRANSITIONS } from '../../contract/zone.ts';
import type {
  Ambiguity,
  ConvertResult,
  ShiftResult,
  Transition,
  TransitionsProgress,
  TransitionsResult,
  ZoneList,
  convertInput,
  shiftInput,
  transitionsInput,
} from '../../contract/zone.ts';
import type { HandlerContext } from '../../core/handlers.ts';
import { SuiteError, throwIfCancelled } from '../../core/suite-error.ts';
import { parseTime } from './parse-input.ts';
import { availableSources, chooseSource, newestSource } from './sources.ts';
import { Temporal } from './temporal.ts';
import { canonicalZone, systemZone, zoneEntries } from './zone-names.ts';
import { formatOffset, wallAt, zonedTime } from './zoned-time.ts';
import type { RawTransition, Resolution, ZoneSource } from './zone-source.ts';

/** Milliseconds Temporal can represent either side of 1970 (±10⁸ days). */
const LIMIT = 8.64e15;

/** The canonical name of a zone, checked against the data source that will answer. */
export function zoneIn(source: ZoneSource, name: string): string {
  const zone = canonicalZone(name, source);
  if (!source.has(zone)) throw new SuiteError('BAD_INPUT', `The ${source.kind} data has no zone ${zone}.`);
  return zone;
}

function ambiguity(
  source: ZoneSource,
  zone: string,
  resolution: Resolution,
  wallText: string,
): Ambiguity | null {
  if (resolution.status === 'unique') return null;
  const earlier = zonedTime(source, zone, resolution.earlier);
  const later = zonedTime(source, zone, resolution.later);
  const message =
    resolution.status === 'gap'
      ? `${wallText} does not exist in ${zone}: the clocks skip from ${earlier.offset} to ${later.offset} there. Earlier reads it as ${earlier.wall} ${earlier.abbreviation}, later as ${later.wall} ${later.abbreviation}.`
      : `${wallText} happens twice in ${zone}: first at ${earlier.offset} (${earlier.abbreviation}), then at ${later.offset} (${later.abbreviation}).`;
  return {
    kind: resolution.status,
    message,
    earlier,
    later,
    chosen: resolution.epochMilliseconds === resolution.earlier ? 'earlier' : 'later',
  };
}

interface Start {
  source: ZoneSource;
  dataNotice: string | null;
  zone: string;
  epochMilliseconds: number;
  ambiguity: Ambiguity | null;
  reading: string;
  kind: ConvertResult['inputKind'];
  inputNotice: string | null;
  /** The zone name as the user gave it (the annotation's when there is one). */
  requestedAs: string;
}

/** The start, or a one-line error for a time at the edge of Temporal's range whose instant falls outside it. */
function start(input: z.output<typeof convertInput> | z.output<typeof shiftInput>): Start {
  try {
    return readStart(input);
  } catch (error) {
    if (error instanceof RangeError)
      throw new SuiteError(
        'BAD_INPUT',
        'That time falls outside the instants Temporal can represent (-271821-04-20T00:00:00Z to +275760-09-13T00:00:00Z).',
      );
    throw error;
  }
}

function readStart(input: z.output<typeof convertInput> | z.output<typeof shiftInput>): Start {
  const { source, notice: dataNotice } = chooseSource(input.tzdata);
  const from = zoneIn(source, input.from);
  const parsed = parseTime(input.time, input.unixUnit);
  // An RFC 9557 annotation ("…[Europe/Paris]") says where the time was written: it is read there.
  const zone = parsed.zone ? zoneIn(source, parsed.zone) : from;
  const inputNotice =
    zone !== from ? `Read in ${zone}, the zone its [${parsed.zone}] annotation names, not in ${from}.` : null;
  const requestedAs = (parsed.zone ?? input.from).trim();
  const common = { source, dataNotice, zone, inputNotice, requestedAs };
  if (parsed.kind !== 'wall') {
    if (parsed.zone && parsed.offsetSeconds !== null) {
      const actual = source.typeAt(zone, parsed.epochMilliseconds).offset;
      if (actual !== parsed.offsetSeconds) {
        // Temporal.ZonedDateTime.from() rejects this by default (offset: 'reject'): so does the suite.
        throw new SuiteError(
          'BAD_INPUT',
          `The offset ${formatOffset(parsed.offsetSeconds)} and the zone [${parsed.zone}] disagree: ${zone} is at ${formatOffset(actual)} then. Temporal rejects such a time; drop the offset or the zone.`,
        );
      }
    }
    return {
      ...common,
      epochMilliseconds: parsed.epochMilliseconds,
      ambiguity: null,
      reading: parsed.zone ? `${parsed.reading} in ${zone}` : parsed.reading,
      kind: parsed.kind,
    };
  }
  const resolution = source.resolve(zone, parsed.wall, input.disambiguation);
  return {
    ...common,
    epochMilliseconds: resolution.epochMilliseconds,
    ambiguity: ambiguity(source, zone, resolution, parsed.wall.toString().replace('T', ' ')),
    reading: `${parsed.reading} in ${zone}`,
    kind: 'wall',
  };
}

export async function convertTime(input: z.output<typeof convertInput>): Promise<ConvertResult> {
  const from = start(input);
  const targets = input.to.map((name) =>
    zonedTime(from.source, zoneIn(from.source, name), from.epochMilliseconds, name.trim()),
  );
  return {
    inputKind: from.kind,
    inputReading: from.reading,
    source: zonedTime(from.source, from.zone, from.epochMilliseconds, from.requestedAs),
    targets,
    ambiguity: from.ambiguity,
    dataSource: from.source.label,
    dataNotice: from.dataNotice,
    inputNotice: from.inputNotice,
  };
}

/**
 * Arithmetic exactly as Temporal's ZonedDateTime.add (AddZonedDateTime): years, months and days move
 * the wall clock and the result is resolved "compatible"; hours and minutes then move exact time.
 * With no calendar part the instant itself moves, so either reading of an ambiguous start is kept.
 */
export async function shiftTime(input: z.output<typeof shiftInput>): Promise<ShiftResult> {
  const from = start(input);
  const { years, months, days, hours, minutes } = input.add;
  let moved = from.epochMilliseconds;
  let shiftAmbiguity: Ambiguity | null = null;
  try {
    if (years !== 0 || months !== 0 || days !== 0) {
      const startType = from.source.typeAt(from.zone, from.epochMilliseconds);
      const movedWall = wallAt(from.epochMilliseconds, startType.offset).add({ years, months, days });
      const resolution = from.source.resolve(from.zone, movedWall, 'compatible');
      moved = resolution.epochMilliseconds;
      shiftAmbiguity = ambiguity(from.source, from.zone, resolution, movedWall.toString().replace('T', ' '));
    }
  } catch (error) {
    if (error instanceof RangeError) throw outOfRange();
    throw error;
  }
  const end = moved + (hours * 3600 + minutes * 60) * 1000;
  if (Math.abs(end) > LIMIT) throw outOfRange();
  const before = zonedTime(from.source, from.zone, from.epochMilliseconds, from.requestedAs);
  const after = zonedTime(from.source, from.zone, end, from.requestedAs);
  return {
    before,
    after,
    offsetChange:
      before.offset === after.offset
        ? null
        : `The offset changed on the way: ${before.offset} (${before.abbreviation}) became ${after.offset} (${after.abbreviation}).`,
    ambiguity: shiftAmbiguity ?? from.ambiguity,
    dataSource: from.source.label,
    dataNotice: from.dataNotice,
  };
}

function outOfRange(): SuiteError {
  return new SuiteError(
    'BAD_INPUT',
    'The result falls outside the dates Temporal can represent (years -271821 to 275760).',
  );
}

function describeTransition(raw: RawTransition): Transition {
  const two = (wall: ReturnType<typeof wallAt>) => wall.toString().replace('T', ' ');
  return {
    at: Temporal.Instant.fromEpochMilliseconds(raw.at).toString(),
    unixSeconds: raw.at / 1000,
    offsetBefore: formatOffset(raw.before.offset),
    offsetAfter: formatOffset(raw.after.offset),
    abbreviationBefore: raw.before.abbreviation,
    abbreviationAfter: raw.after.abbreviation,
    dstBefore: raw.before.dst,
    dstAfter: raw.after.dst,
    wallBefore: two(wallAt(raw.at - 1000, raw.before.offset)),
    wallAfter: two(wallAt(raw.at, raw.after.offset)),
  };
}

const NO_CONTEXT: HandlerContext<TransitionsProgress> = {
  signal: new AbortController().signal,
  progress: () => {},
};

/**
 * Every change of a zone's offset, abbreviation or DST flag over a range of years, like `zdump -v`:
 * at most 500 years (the input's limit) and MAX_TRANSITIONS rows, saying so when it stops there. It
 * yields to the event loop every few hundred rows, so other requests are answered meanwhile, and
 * stops when cancelled.
 */
export async function zoneTransitions(
  input: z.output<typeof transitionsInput>,
  context: HandlerContext<TransitionsProgress> = NO_CONTEXT,
): Promise<TransitionsResult> {
  const { source, notice } = chooseSource(input.tzdata);
  const zone = zoneIn(source, input.zone);
  const yearStart = (year: number) =>
    Temporal.PlainDate.from({ year, month: 1, day: 1 }).toZonedDateTime('UTC');
  const end = yearStart(input.toYear + 1).epochMilliseconds;
  const transitions: Transition[] = [];
  let truncated: string | null = null;
  let cursor = yearStart(input.fromYear).epochMilliseconds - 1;
  let reported = 0;
  for (;;) {
    const next = source.nextTransition(zone, cursor);
    if (!next || next.at >= end) break;
    if (transitions.length === MAX_TRANSITIONS) {
      truncated = `Stopped at ${MAX_TRANSITIONS.toLocaleString('en-US')} transitions, the last on ${transitions.at(-1)!.at.slice(0, 10)}; ask for fewer years to see the rest.`;
      break;
    }
    transitions.push(describeTransition(next));
    cursor = next.at;
    if (transitions.length % 200 === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      throwIfCancelled(context.signal);
      if (Date.now() - reported >= 100) {
        reported = Date.now();
        context.progress({ found: transitions.length, year: Number(transitions.at(-1)!.at.slice(0, 4)) });
      }
    }
  }
  const upcoming = source.nextTransition(zone, Date.now());
  return {
    zone,
    transitions,
    truncated,
    next: upcoming ? describeTransition(upcoming) : null,
    dataSource: source.label,
    dataNotice: notice,
  };
}

export async function listZones(): Promise<ZoneList> {
  const now = Date.now();
  const newest = newestSource();
  const zones = zoneEntries((zone) => {
    const type = newest.typeAt(zone, now);
    return { offset: formatOffset(type.offset), abbreviation: type.abbreviation };
  }, newest);
  const label = (kind: ZoneSource['kind']) =>
    availableSources().find((source) => source.kind === kind)?.label;
  return {
    zones,
    systemZone: systemZone(),
    dataVersions: {
      shipped: label('shipped')!,
      runtime: label('runtime')!,
      system: label('system') ?? null,
      newest: newest.label,
    },
  };
}
