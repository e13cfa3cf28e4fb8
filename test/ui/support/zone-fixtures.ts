import type { ConvertResult, ZonedTime, ZoneList } from '../../../src-main/contract/zone.ts';

const CANONICAL: Record<string, string> = { 'Asia/Calcutta': 'Asia/Kolkata' };

export const zoneList: ZoneList = {
  zones: ['UTC', 'Asia/Tokyo', 'Asia/Kolkata', 'Europe/London'].map((id) => ({
    id,
    aliases: id === 'Asia/Kolkata' ? ['Asia/Calcutta'] : [],
    country: null,
    cities: [],
    offsetNow: '+00:00',
    abbreviationNow: 'UTC',
  })),
  systemZone: 'UTC',
  dataVersions: { shipped: 'shipped', runtime: 'runtime', system: null, newest: 'runtime' },
};

/** One instant in a zone as zone.convert reports it; a legacy name is answered with its canonical one. */
function zoned(given: string): ZonedTime {
  const zone = CANONICAL[given] ?? given;
  return {
    zone,
    requestedAs: zone === given ? null : given,
    wall: '2017-03-11 11:30:00',
    weekday: 'Saturday',
    offset: '+00:00',
    abbreviation: 'UTC',
    dst: false,
    iso: '2017-03-11T11:30:00+00:00',
    unixSeconds: 1489231800,
    unixMilliseconds: 1489231800000,
    rfc2822: 'Sat, 11 Mar 2017 11:30:00 +0000',
  };
}

/** What zone.convert answers: one card for each zone asked for, in order. */
export function conversion(from: string, to: string[]): ConvertResult {
  return {
    inputKind: 'wall',
    inputReading: `wall time in ${from}`,
    source: zoned(from),
    targets: to.map(zoned),
    ambiguity: null,
    dataSource: 'runtime',
    dataNotice: null,
    inputNotice: null,
  };
}
