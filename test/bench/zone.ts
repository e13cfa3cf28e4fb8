import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { DateTime } from 'luxon';
import moment from 'moment-timezone';
import { ensureBuilt } from '../../scripts/build.ts';
import { startWebServer } from '../../src-main/web/server.ts';
import { createHandlers } from '../../src-main/tools/handlers.ts';
import { planMeeting } from '../../src-main/tools/zone/planner.ts';
import { convertPeopleInput } from '../../src-main/tools/zone/people-input.ts';
import { repoRoot } from '../support/paths.ts';
import { offsetText, zdumpTransitions } from '../support/zdump.ts';
import type { ZdumpTransition } from '../support/zdump.ts';
import { machine, printTable } from './measure.ts';

/** Rounds per contender; each round converts a new instant (no contender answers from a cache). */
const ROUNDS = 20;
const WARM_UP = 5;
/**
 * Instants are drawn from these years: past ones, where the system's zoneinfo (zdump's data, often a
 * release or two older) and every contender's newer data agree; later rule changes would make zdump
 * the one that is wrong.
 */
const FROM_YEAR = 2000;
const TO_YEAR = 2025;
const PLANNER_ZONES = [
  'America/Los_Angeles',
  'America/New_York',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Tokyo',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
];

type Offsets = Map<string, number>;
interface Answer {
  offsets: Offsets;
  took?: number;
}
interface Contender {
  name: string;
  /**
   * Converts the instant into every zone: each zone's offset in seconds as it answered, and the time
   * it took where the contender measures it itself (inside the page, for Chromium).
   */
  convert(instant: number): Promise<Answer> | Answer;
}

/** A fresh instant for every round: whole seconds spread over the years measured. */
function freshInstant(round: number): number {
  const start = Date.UTC(FROM_YEAR, 0, 1);
  const span = Date.UTC(TO_YEAR, 0, 1) - start;
  const fraction = (((round * 0.6180339887 + Math.random()) % 1) + 1) % 1;
  return start + Math.floor(fraction * (span / 1000)) * 1000;
}

/** A zone that never changed (UTC, Etc/GMT+5): zdump names its offset as its abbreviation (-05). */
function zdumpFixedOffset(zone: string): number {
  const name = execFileSync('zdump', [zone], { encoding: 'utf8' }).trim().split(/\s+/).at(-1)!;
  const match = /^([+-])(\d{2})(\d{2})?$/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3] ?? 0) * 60) : 0;
}

function offsetAt(history: ZdumpTransition[], seconds: number, fallback: number): number {
  let offset = history[0]?.offsetBefore ?? fallback;
  for (const change of history) if (change.at <= seconds) offset = change.offsetAfter;
  return offset;
}

/** zdump's offset for each zone at an instant: the reference every answer is checked against. */
function referenceOffsets(
  histories: Map<string, ZdumpTransition[]>,
  fixed: Offsets,
  instant: number,
): Offsets {
  return new Map(
    [...histories].map(([zone, history]) => [zone, offsetAt(history, instant / 1000, fixed.get(zone)!)]),
  );
}

function wrongZones(answer: Offsets, expected: Offsets): string[] {
  return [...expected].filter(([zone, offset]) => answer.get(zone) !== offset).map(([zone]) => zone);
}

/** Median time of a contender over fresh instants; null with the zones it got wrong, if any. */
async function measure(
  contender: Contender,
  expectedAt: (instant: number) => Offsets,
): Promise<{ ms: number | null; wrong: string[] }> {
  // Warm caches and JIT, as in a running app, for every contender alike.
  for (let round = 1; round <= WARM_UP; round++) await contender.convert(freshInstant(-round));
  const times: number[] = [];
  const wrong = new Set<string>();
  for (let round = 0; round < ROUNDS; round++) {
    const instant = freshInstant(round);
    const started = performance.now();
    const answer = await contender.convert(instant);
    times.push(answer.took ?? performance.now() - started);
    for (const zone of wrongZones(answer.offsets, expectedAt(instant))) wrong.add(zone);
  }
  times.sort((a, b) => a - b);
  return { ms: wrong.size === 0 ? times[Math.floor(ROUNDS / 2)]! : null, wrong: [...wrong] };
}

const seconds = (offset: string) => {
  const [hours = 0, minutes = 0, rest = 0] = offset.slice(1).split(':').map(Number);
  return (offset.startsWith('-') ? -1 : 1) * (hours * 3600 + minutes * 60 + rest);
};

function shown(result: { ms: number | null; wrong: string[] }, versus?: number | null): string {
  if (result.ms === null)
    return `WRONG in ${result.wrong.length} zones (${result.wrong.slice(0, 3).join(', ')}…), not timed`;
  const ratio = versus ? ` (suite/this ${(versus / result.ms).toFixed(2)}x)` : '';
  return `${result.ms.toFixed(2)} ms${ratio}`;
}

export async function benchZone(): Promise<void> {
  // Zones every contender knows, with zdump's history for each: the same work per zone for all.
  const zones = Intl.supportedValuesOf('timeZone').filter((zone) => moment.tz.zone(zone) !== null);
  const histories = new Map(zones.map((zone) => [zone, zdumpTransitions(zone, 1800, TO_YEAR)]));
  const fixed: Offsets = new Map(zones.map((zone) => [zone, zdumpFixedOffset(zone)]));
  const expectedAt = (instant: number) => referenceOffsets(histories, fixed, instant);

  const suite: Contender = {
    name: 'suite',
    async convert(instant) {
      // What zone.convert runs for the app, the CLI and browser mode.
      const result = await convertPeopleInput({
        time: new Date(instant).toISOString(),
        from: 'UTC',
        to: zones,
        unixUnit: 'auto',
        disambiguation: 'compatible',
        tzdata: 'auto',
      });
      // Targets come back in the order asked, each under the name asked for.
      return { offsets: new Map(result.targets.map((target, i) => [zones[i]!, seconds(target.offset)])) };
    },
  };
  const luxon: Contender = {
    name: 'Luxon',
    convert: (instant) => ({
      offsets: new Map(
        zones.map((zone) => {
          const time = DateTime.fromMillis(instant, { zone });
          time.toISO();
          return [zone, time.offset * 60];
        }),
      ),
    }),
  };
  const momentTz: Contender = {
    name: 'moment-timezone',
    convert: (instant) => ({
      offsets: new Map(
        zones.map((zone) => {
          const time = moment.tz(instant, zone);
          time.format();
          return [zone, time.utcOffset() * 60];
        }),
      ),
    }),
  };
  const ours = await measure(suite, expectedAt);
  const luxonResult = await measure(luxon, expectedAt);
  const momentResult = await measure(momentTz, expectedAt);

  // Planner: 7 days × 24 hours × 10 zones from a fresh date each round, every cell checked.
  const plannerTimes: number[] = [];
  const plannerWrong: string[] = [];
  const plannerHistories = new Map(
    PLANNER_ZONES.map((zone) => [zone, zdumpTransitions(zone, 1800, TO_YEAR + 1)]),
  );
  for (let round = -1; round < ROUNDS; round++) {
    const date = new Date(freshInstant(round)).toISOString().slice(0, 10);
    const started = performance.now();
    const plan = await planMeeting({
      date,
      zones: PLANNER_ZONES,
      hours: [],
      stepMinutes: 60,
      days: 7,
      tzdata: 'auto',
    });
    const took = performance.now() - started;
    if (round >= 0) plannerTimes.push(took);
    for (const row of plan.rows)
      row.cells.forEach((cell, i) => {
        const zone = PLANNER_ZONES[i]!;
        const offset = offsetAt(plannerHistories.get(zone)!, row.epochMilliseconds / 1000, 0);
        if (cell.offset !== offsetText(offset)) plannerWrong.push(`${zone} ${row.utc}`);
      });
    if (plan.rows.length < 7 * 24 - 2) plannerWrong.push(`${date}: ${plan.rows.length} rows`);
  }
  plannerTimes.sort((a, b) => a - b);
  const planner = plannerTimes[Math.floor(ROUNDS / 2)]!;

  // What a user of browser mode waits for: the page asks for every zone and gets the answer.
  ensureBuilt();
  const web = await startWebServer({
    handlers: createHandlers('browser'),
    rendererRoot: join(repoRoot, 'out/renderer'),
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  let inChromium: { ms: number | null; wrong: string[] };
  try {
    const page = await browser.newPage();
    await page.goto(web.url);
    // Timed inside the page, from fetch to parsed JSON, without Playwright's own round trip.
    const fromChromium: Contender = {
      name: 'suite from Chromium',
      async convert(instant) {
        const body = JSON.stringify({ time: new Date(instant).toISOString(), from: 'UTC', to: zones });
        const { took, offsets } = await page.evaluate(
          async ({ token, body }) => {
            const started = performance.now();
            const response = await fetch('/api/zone.convert', {
              method: 'POST',
              headers: { Authorization: `Bearer ${token}` },
              body,
            });
            const result = (await response.json()) as {
              ok: boolean;
              value: { targets: { offset: string }[] };
            };
            const took = performance.now() - started;
            if (!result.ok) throw new Error('conversion failed');
            return { took, offsets: result.value.targets.map((target) => target.offset) };
          },
          { token: web.token, body },
        );
        return { took, offsets: new Map(offsets.map((offset, i) => [zones[i]!, seconds(offset)])) };
      },
    };
    inChromium = await measure(fromChromium, expectedAt);
  } finally {
    await browser.close();
    await web.close();
  }

  printTable(
    `Zone Convert: a new instant (${FROM_YEAR}–${TO_YEAR}) into all ${zones.length} zones every contender knows, each answer checked against zdump; median of ${ROUNDS} (${machine()})`,
    [
      {
        name: 'suite: convert into every zone',
        value: shown(ours),
        target: 'faster than Luxon and moment-timezone',
        met:
          ours.ms !== null &&
          (luxonResult.ms === null || ours.ms < luxonResult.ms) &&
          (momentResult.ms === null || ours.ms < momentResult.ms),
      },
      { name: 'Luxon: fromMillis + toISO for every zone', value: shown(luxonResult, ours.ms) },
      { name: 'moment-timezone: tz + format for every zone', value: shown(momentResult, ours.ms) },
      {
        name: `suite: planner, 7 days x 24 h x ${PLANNER_ZONES.length} zones`,
        value: plannerWrong.length
          ? `WRONG (${plannerWrong.slice(0, 3).join(', ')}…)`
          : `${planner.toFixed(2)} ms`,
        target: '< 20 ms',
        met: plannerWrong.length === 0 && planner < 20,
      },
      {
        name: 'suite: every zone converted, from Chromium',
        value: shown(inChromium),
        target: '< 20 ms',
        met: inChromium.ms !== null && inChromium.ms < 20,
      },
    ],
  );
}
