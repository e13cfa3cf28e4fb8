import type { z } from 'zod';
import type { ConvertResult, convertInput } from '../../contract/zone.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { zoneData } from './data-source.ts';
import { resolveZone } from './find.ts';
import { ACCEPTED_TIMES, readNatural } from './natural-input.ts';
import { convertTime } from './zone-service.ts';

type ConvertInput = z.output<typeof convertInput>;

/**
 * What people type, turned into what the converter reads: zones by city, country or abbreviation
 * (an ambiguous one refused with its candidates), and times such as "tomorrow 3pm" as a wall time in
 * the From zone or an instant. The converter itself stays the one that reads the precise formats.
 */
export function readPeopleInput(
  input: ConvertInput,
  now: number,
): { input: ConvertInput; reading: string | null } {
  const from = resolveZone(input.from);
  const to = input.to.map(resolveZone);
  const natural = readNatural(input.time, from, zoneData(input.tzdata), now);
  return {
    input: { ...input, from, to, time: natural?.time ?? input.time },
    reading: natural ? natural.reading : null,
  };
}

/** zone.convert for people: names and phrases read first, the engine's answer with how it read them. */
export async function convertPeopleInput(input: ConvertInput): Promise<ConvertResult> {
  const read = readPeopleInput(input, Date.now());
  try {
    const result = await convertTime(read.input);
    return read.reading ? { ...result, inputReading: read.reading } : result;
  } catch (error) {
    // The engine lists its precise formats; people also type phrases, so say everything that is read.
    if (error instanceof SuiteError && error.message.startsWith('Could not read'))
      throw new SuiteError('BAD_INPUT', `Could not read "${input.time.trim()}" as a time. ${ACCEPTED_TIMES}`);
    throw error;
  }
}
