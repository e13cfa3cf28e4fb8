import type { z } from 'zod';
import type {
  Ambiguity,
  ConvertResult,
  ShiftResult,
  Transition,
  TransitionsResult,
  TzdataSource,
  ZoneList,
  convertInput,
  shiftInput,
  transitionsInput,
} from '../../contract/zone.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { parseTime } from './parse-input.ts';
import { runtimeSource } from './runtime-source.ts';
import { systemSource, zoneinfoDirectory, zoneinfoVersion } from './system-source.ts';
import { Temporal } from './temporal.ts';
import { canonicalZone, systemZone, zoneEntries } from './zone-names.ts';
import { formatOffset, wallAt, zonedTime } from './zoned-time.ts';
import type { RawTransition, Resolution, ZoneSource } from './zone-source.ts';

const runtime = runtimeSource();
let system: ZoneSource | null | undefined;

function sourceFor(kind: TzdataSource): ZoneSource {
  if (kind === 'runtime') return runtime;
  if (system === undefined) {
    const dir = zoneinfoDirectory();
    system = dir ? systemSource(dir) : null;
  }
  if (!system)
    throw new SuiteError('UNSUPPORTED', 'This system has no zoneinfo files (TZif); use the runtime data.');
  return system;
}

/** The canonical name of a zone, checked against the data source that will answer. */
function zoneIn(source: ZoneSource, name: string): string {
  const zone = canonicalZone(name);
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
  zone: string;
  epochMilliseconds: number;
  ambiguity: Ambiguity | null;
  reading: string;
  kind: ConvertResult['inputKind'];
}

function start(input: z.output<typeof convertInput> | z.output<typeof shiftInput>): Start {
  const source = sourceFor(input.tzdata);
  const zone = zoneIn(source, input.from);
  const parsed = parseTime(input.time, input.unixUnit);
  if (parsed.kind !== 'wall') {
    return {
      source,
      zone,
      epochMilliseconds: parsed.epochMilliseconds,
      ambiguity: null,
      reading: parsed.reading,
      kind: parsed.kind,
    };
  }
  const resolution = source.resolve(zone, parsed.wall, input.disambiguation);
  return {
    source,
    zone,
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
    source: zonedTime(from.source, from.zone, from.epochMilliseconds, input.from.trim()),
    targets,
    ambiguity: from.ambiguity,
    dataSource: from.source.label,
  };
}

/**
 * Calendar arithmetic with wall-clock meaning, as Temporal defines it (RFC 5545): years, months and
 * days move the wall clock, then hours and minutes move exact time.
 */
export async function shiftTime(input: z.output<typeof shiftInput>): Promise<ShiftResult> {
  const from = start(input);
  const { years, months, days, hours, minutes } = input.add;
  const startType = from.source.typeAt(from.zone, from.epochMilliseconds);
  const movedWall = wallAt(from.epochMilliseconds, startType.offset).add({ years, months, days });
  const resolution = from.source.resolve(from.zone, movedWall, input.disambiguation);
  const end = Temporal.Instant.fromEpochMilliseconds(resolution.epochMilliseconds).add({
    hours,
    minutes,
  }).epochMilliseconds;
  const before = zonedTime(from.source, from.zone, from.epochMilliseconds, input.from.trim());
  const after = zonedTime(from.source, from.zone, end, input.from.trim());
  return {
    before,
    after,
    offsetChange:
      before.offset === after.offset
        ? null
        : `The offset changed on the way: ${before.offset} (${before.abbreviation}) became ${after.offset} (${after.abbreviation}).`,
    ambiguity:
      ambiguity(from.source, from.zone, resolution, movedWall.toString().replace('T', ' ')) ?? from.ambiguity,
    dataSource: from.source.label,
  };
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

/** Every change of a zone's offset (and, with system data, of its abbreviation or DST flag), like `zdump -v`. */
export async function zoneTransitions(input: z.output<typeof transitionsInput>): Promise<TransitionsResult> {
  const source = sourceFor(input.tzdata);
  const zone = zoneIn(source, input.zone);
  const yearStart = (year: number) =>
    Temporal.ZonedDateTime.from({ year, month: 1, day: 1, timeZone: 'UTC' }).epochMilliseconds;
  const end = input.toYear >= 9999 ? Number.MAX_SAFE_INTEGER : yearStart(input.toYear + 1);
  const transitions: Transition[] = [];
  let cursor = yearStart(input.fromYear) - 1;
  for (;;) {
    const next = source.nextTransition(zone, cursor);
    if (!next || next.at >= end) break;
    transitions.push(describeTransition(next));
    cursor = next.at;
  }
  const upcoming = source.nextTransition(zone, Date.now());
  return {
    zone,
    transitions,
    next: upcoming ? describeTransition(upcoming) : null,
    dataSource: source.label,
  };
}

export async function listZones(): Promise<ZoneList> {
  const now = Date.now();
  const zones = zoneEntries((zone) => {
    const type = runtime.typeAt(zone, now);
    return { offset: formatOffset(type.offset), abbreviation: type.abbreviation };
  });
  const dir = zoneinfoDirectory();
  return {
    zones,
    systemZone: systemZone(),
    dataVersions: {
      runtime: runtime.label,
      system: dir ? `system (${dir}, tz ${zoneinfoVersion(dir)})` : null,
    },
  };
}
