import type { z } from 'zod';
import type { ConvertResult, ShiftResult, ZonedTime, convertInput, shiftInput } from '../../contract/zone.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { zoneData, zoneIn } from './data-source.ts';
import { zonedTimeFast } from './fast-zoned-time.ts';
import { resolveZone } from './find.ts';
import { ACCEPTED_TIMES, readNatural } from './natural-input.ts';
import { convertTime, shiftTime } from './zone-service.ts';

type ConvertInput = z.output<typeof convertInput>;
type ShiftInput = z.output<typeof shiftInput>;

/**
 * What people type, turned into what the converter reads: zones by city, country or abbreviation
 * (an ambiguous one refused with its candidates), and times such as "tomorrow 3pm" as a wall time in
 * the From zone or an instant. The converter itself stays the one that reads the precise formats.
 */
export function readPeopleInput<T extends ConvertInput | ShiftInput>(
  input: T,
  now: number,
): { input: T; reading: string | null } {
  const source = zoneData(input.tzdata);
  const from = resolveZone(input.from, source);
  const to = 'to' in input ? { to: input.to.map((name) => resolveZone(name, source)) } : {};
  const natural = readNatural(input.time, from, source, now);
  return {
    input: { ...input, from, ...to, time: natural?.time ?? input.time },
    reading: natural ? natural.reading : null,
  };
}

/** The engine's "Could not read" lists its precise formats; people also type phrases, so say all. */
function withPhrases(error: unknown, time: string): unknown {
  return error instanceof SuiteError && error.message.startsWith('Could not read')
    ? new SuiteError('BAD_INPUT', `Could not read "${time.trim()}" as a time. ${ACCEPTED_TIMES}`)
    : error;
}

/** zone.shift for people: the From zone and the start read as convert reads them. */
export async function shiftPeopleInput(input: ShiftInput): Promise<ShiftResult> {
  try {
    return await shiftTime(readPeopleInput(input, Date.now()).input);
  } catch (error) {
    throw withPhrases(error, input.time);
  }
}

/** zone.convert for people: names and phrases read first, the engine's answer with how it read them. */
export async function convertPeopleInput(input: ConvertInput): Promise<ConvertResult> {
  const read = readPeopleInput(input, Date.now());
  try {
    // The engine reads the input and the From zone; every target is the same instant seen elsewhere,
    // computed by zonedTimeFast (zonedTime's answer without building Temporal objects).
    const result = await convertTime({ ...read.input, to: [] });
    const source = zoneData(read.input.tzdata);
    const targets = read.input.to.map((zone) =>
      zonedTimeFast(source, zoneIn(source, zone), result.source.unixMilliseconds),
    );
    // Cards and To-zone lists know a zone by the name the user gave (Seoul, Asia/Calcutta).
    const given = (time: ZonedTime, name: string) => ({
      ...time,
      requestedAs: name.trim() === time.zone ? null : name.trim(),
    });
    return {
      ...result,
      // A [zone] annotation in the time names the zone it was read in; the From zone was not used.
      source: result.source.zone === read.input.from ? given(result.source, input.from) : result.source,
      targets: targets.map((target, i) => given(target, input.to[i]!)),
      inputReading: read.reading ?? result.inputReading,
    };
  } catch (error) {
    throw withPhrases(error, input.time);
  }
}
