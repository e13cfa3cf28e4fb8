import { availableSources } from '../../src-main/tools/zone/sources.ts';
import type { ZoneSource } from '../../src-main/tools/zone/zone-source.ts';
import { zdumpTransitions } from '../support/zdump.ts';
import type { ZdumpTransition } from '../support/zdump.ts';
import { machine, printTable } from './measure.ts';

const FROM = 1800;
const TO = 2200;
const INSTANTS_PER_ZONE = 100;

function transitionsOf(source: ZoneSource, zone: string): ZdumpTransition[] {
  const out: ZdumpTransition[] = [];
  const end = Date.UTC(TO + 1, 0, 1);
  for (let cursor = Date.UTC(FROM, 0, 1) - 1; ;) {
    const next = source.nextTransition(zone, cursor);
    if (!next || next.at >= end) return out;
    out.push({
      at: next.at / 1000,
      offsetBefore: next.before.offset,
      offsetAfter: next.after.offset,
      abbreviationBefore: next.before.abbreviation,
      abbreviationAfter: next.after.abbreviation,
      dstBefore: next.before.dst,
      dstAfter: next.after.dst,
    });
    cursor = next.at;
  }
}

const key = (t: ZdumpTransition) => `${t.at} ${t.offsetAfter} ${t.abbreviationAfter} ${t.dstAfter}`;

/** Counts the transitions one list has and the other lacks, both ways. */
function mismatches(ours: ZdumpTransition[], reference: ZdumpTransition[]): number {
  const a = new Set(ours.map(key));
  const b = new Set(reference.map(key));
  return [...a].filter((k) => !b.has(k)).length + [...b].filter((k) => !a.has(k)).length;
}

/**
 * `npm run bench -- zone-check`: every zone of the shipped data against `zdump -v` on the system's
 * TZif files, 1800–2200, and random instants in each: the engine reading those files must agree
 * exactly; the shipped data's differences are counted (a newer tz release changes some zones).
 * Also the time of the engine's listing against zdump's, as a ratio.
 */
export async function benchZoneCheck(): Promise<void> {
  const shipped = availableSources().find((source) => source.kind === 'shipped')!;
  const system = availableSources().find((source) => source.kind === 'system');
  if (!system) {
    console.log('zone-check needs the system zoneinfo files and zdump; none here.');
    return;
  }
  const zones = [...new Set(shipped.names().values())].filter((zone) => system.has(zone)).sort();
  let engineTransitionErrors = 0;
  let engineInstantErrors = 0;
  let transitions = 0;
  let instants = 0;
  const shippedDiffering: string[] = [];
  let zdumpSeconds = 0;
  let engineSeconds = 0;
  for (const zone of zones) {
    let started = performance.now();
    const reference = zdumpTransitions(zone, FROM, TO);
    zdumpSeconds += (performance.now() - started) / 1000;
    started = performance.now();
    const ours = transitionsOf(system, zone);
    engineSeconds += (performance.now() - started) / 1000;
    transitions += reference.length;
    const wrong = mismatches(ours, reference);
    if (wrong > 0) console.log(`  engine differs from zdump in ${zone}: ${wrong} transitions`);
    engineTransitionErrors += wrong;
    if (mismatches(transitionsOf(shipped, zone), reference) > 0) shippedDiffering.push(zone);
    for (let i = 0; i < INSTANTS_PER_ZONE; i++) {
      const at = Math.floor(
        Date.UTC(FROM, 0, 1) / 1000 + Math.random() * ((Date.UTC(TO, 0, 1) - Date.UTC(FROM, 0, 1)) / 1000),
      );
      const last = reference.filter((t) => t.at <= at).at(-1);
      if (!last) continue;
      const type = system.typeAt(zone, at * 1000);
      instants++;
      if (
        type.offset !== last.offsetAfter ||
        type.abbreviation !== last.abbreviationAfter ||
        type.dst !== last.dstAfter
      )
        engineInstantErrors++;
    }
  }
  printTable(`zone-check: ${zones.length} zones, ${FROM}–${TO}, ${machine()}`, [
    {
      name: `engine on ${system.label} vs zdump -v: transitions`,
      value: `${transitions} checked, ${engineTransitionErrors} differ`,
      target: '0 differ',
      met: engineTransitionErrors === 0,
    },
    {
      name: 'engine vs zdump: random instants',
      value: `${instants} checked, ${engineInstantErrors} differ`,
      target: '0 differ',
      met: engineInstantErrors === 0,
    },
    {
      name: `${shipped.label}: zones whose history differs from the system's tz ${system.version}`,
      value: `${shippedDiffering.length}: ${shippedDiffering.join(' ')}`,
    },
    { name: 'listing every zone: zdump -v (one process a zone)', value: `${zdumpSeconds.toFixed(2)} s` },
    {
      name: 'listing every zone: engine',
      value: `${engineSeconds.toFixed(2)} s (${(zdumpSeconds / engineSeconds).toFixed(1)}× faster)`,
    },
  ]);
  if (engineTransitionErrors + engineInstantErrors > 0) process.exitCode = 1;
}
