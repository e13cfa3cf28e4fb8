/**
 * Reads a compiled tz database file (TZif, RFC 8536): its transitions, local time types and the
 * POSIX TZ footer that extends it past the last transition. The one piece of zone data this suite
 * reads by hand, so that the system's fuller history can answer where ICU merged zones.
 */
export interface LocalTimeType {
  /** Seconds east of UTC. */
  offset: number;
  dst: boolean;
  abbreviation: string;
}

export interface TzifData {
  /** Transition instants in Unix seconds, ascending. */
  times: number[];
  /** Index into `types` of the type in force from each transition on. */
  typeIndices: number[];
  types: LocalTimeType[];
  /** POSIX TZ string for instants after the last transition; '' when absent. */
  footer: string;
}

const HEADER = 44;

interface Counts {
  isut: number;
  isstd: number;
  leap: number;
  time: number;
  type: number;
  char: number;
}

function readCounts(view: DataView, at: number): Counts {
  const count = (index: number) => view.getUint32(at + 20 + index * 4);
  return { isut: count(0), isstd: count(1), leap: count(2), time: count(3), type: count(4), char: count(5) };
}

function blockLength(counts: Counts, timeSize: 4 | 8): number {
  return (
    counts.time * timeSize +
    counts.time +
    counts.type * 6 +
    counts.char +
    counts.leap * (timeSize + 4) +
    counts.isstd +
    counts.isut
  );
}

export function parseTzif(bytes: Uint8Array): TzifData {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < HEADER || new TextDecoder().decode(bytes.subarray(0, 4)) !== 'TZif') {
    throw new Error('not a TZif file');
  }
  const version = bytes[4]!;
  let at = 0;
  let counts = readCounts(view, at);
  let timeSize: 4 | 8 = 4;
  if (version >= 0x32) {
    // Version 2+: skip the 32-bit block and read the 64-bit one, which covers all of time.
    at = HEADER + blockLength(counts, 4);
    counts = readCounts(view, at);
    timeSize = 8;
  }
  let cursor = at + HEADER;
  const times: number[] = [];
  for (let i = 0; i < counts.time; i++, cursor += timeSize) {
    times.push(timeSize === 8 ? Number(view.getBigInt64(cursor)) : view.getInt32(cursor));
  }
  const typeIndices = Array.from(bytes.subarray(cursor, cursor + counts.time));
  cursor += counts.time;
  const rawTypes: { offset: number; dst: boolean; abbreviationIndex: number }[] = [];
  for (let i = 0; i < counts.type; i++, cursor += 6) {
    rawTypes.push({
      offset: view.getInt32(cursor),
      dst: bytes[cursor + 4] === 1,
      abbreviationIndex: bytes[cursor + 5]!,
    });
  }
  const chars = bytes.subarray(cursor, cursor + counts.char);
  cursor += counts.char + counts.leap * (timeSize + 4) + counts.isstd + counts.isut;
  const types = rawTypes.map(({ offset, dst, abbreviationIndex }) => {
    const end = chars.indexOf(0, abbreviationIndex);
    const abbreviation = new TextDecoder().decode(
      chars.subarray(abbreviationIndex, end < 0 ? undefined : end),
    );
    return { offset, dst, abbreviation };
  });
  let footer = '';
  if (timeSize === 8 && bytes[cursor] === 0x0a) {
    const end = bytes.indexOf(0x0a, cursor + 1);
    footer = new TextDecoder().decode(bytes.subarray(cursor + 1, end < 0 ? undefined : end));
  }
  return { times, typeIndices, types, footer };
}
