import { chromium } from '@playwright/test';
import { DateTime } from 'luxon';
import moment from 'moment-timezone';
import { convertTime, zoneTransitions } from '../../src-main/tools/zone/zone-service.ts';
import { startWebServer } from '../../src-main/web/server.ts';
import { createHandlers } from '../../src-main/tools/handlers.ts';
import { repoRoot } from '../support/paths.ts';
import { join } from 'node:path';
import { ensureBuilt } from '../../scripts/build.ts';
import { machine, printTable } from './measure.ts';

const RUNS = 5;
const YEAR = 2026;
const instant = Date.UTC(2026, 5, 15, 12, 0, 0);

async function medianOf(measure: () => Promise<number> | number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await measure());
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

function timed(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

async function timedAsync(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** Luxon has no transition API: what a user writes is a daily scan, then bisection to the second. */
function luxonTransitions(zone: string): number[] {
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
  const found: number[] = [];
  const start = Date.UTC(YEAR, 0, 1);
  const end = Date.UTC(YEAR + 1, 0, 1);
  for (let day = start; day < end; day += 86_400_000) {
    const next = Math.min(day + 86_400_000, end);
    if (offsetAt(day) === offsetAt(next)) continue;
    let low = day;
    let high = next;
    while (high - low > 1000) {
      const middle = Math.floor((low + high) / 2000) * 1000;
      if (offsetAt(middle) === offsetAt(low)) low = middle;
      else high = middle;
    }
    found.push(high);
  }
  return found;
}

function momentTransitions(zone: string): number[] {
  const start = Date.UTC(YEAR, 0, 1);
  const end = Date.UTC(YEAR + 1, 0, 1);
  return (moment.tz.zone(zone)?.untils ?? []).filter((until) => until >= start && until < end);
}

export async function benchZone(): Promise<void> {
  const zones = Intl.supportedValuesOf('timeZone');
  const iso = new Date(instant).toISOString();
  const input = {
    time: iso,
    from: 'UTC',
    to: zones,
    unixUnit: 'auto',
    disambiguation: 'compatible',
    tzdata: 'runtime',
  } as const;
  await convertTime(input); // warm up caches and JIT, as a running app would be
  const ours = await medianOf(() => timedAsync(() => convertTime(input)));
  const luxon = await medianOf(() =>
    timed(() => zones.map((zone) => DateTime.fromMillis(instant, { zone }).toISO())),
  );
  const momentTz = await medianOf(() => timed(() => zones.map((zone) => moment.tz(instant, zone).format())));

  const oursTransitions = await medianOf(() =>
    timedAsync(() =>
      Promise.all(
        zones.map((zone) => zoneTransitions({ zone, fromYear: YEAR, toYear: YEAR, tzdata: 'runtime' })),
      ),
    ),
  );
  const luxonT = await medianOf(() => timed(() => zones.map(luxonTransitions)));
  const momentT = await medianOf(() => timed(() => zones.map(momentTransitions)));

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
  let inChromium: number;
  try {
    const page = await browser.newPage();
    await page.goto(web.url);
    const call = () =>
      page.evaluate(
        async ({ token, body }) => {
          const started = performance.now();
          const response = await fetch('/api/zone.convert', {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}` },
            body,
          });
          const result = (await response.json()) as { ok: boolean; value: { targets: unknown[] } };
          if (!result.ok || result.value.targets.length === 0) throw new Error('conversion failed');
          return performance.now() - started;
        },
        { token: web.token, body: JSON.stringify(input) },
      );
    await call();
    inChromium = await medianOf(call);
  } finally {
    await browser.close();
    await web.close();
  }

  printTable(
    `Zone Convert: one instant into all ${zones.length} runtime zones; transitions of all zones in ${YEAR}; median of ${RUNS} (${machine()})`,
    [
      { name: 'suite: convert into every zone', value: `${ours.toFixed(1)} ms` },
      {
        name: 'Luxon: setZone + toISO for every zone',
        value: `${luxon.toFixed(1)} ms (suite/Luxon ${(ours / luxon).toFixed(2)}x)`,
      },
      {
        name: 'moment-timezone: tz + format for every zone',
        value: `${momentTz.toFixed(1)} ms (suite/moment ${(ours / momentTz).toFixed(2)}x)`,
      },
      {
        name: 'suite: every zone converted, from Chromium',
        value: `${inChromium.toFixed(1)} ms`,
        target: '< 20 ms',
        met: inChromium < 20,
      },
      { name: `suite: transitions of every zone in ${YEAR}`, value: `${oursTransitions.toFixed(1)} ms` },
      {
        name: 'Luxon: daily scan + bisection',
        value: `${luxonT.toFixed(1)} ms (suite/Luxon ${(oursTransitions / luxonT).toFixed(2)}x)`,
      },
      {
        name: 'moment-timezone: packed data lookup',
        value: `${momentT.toFixed(1)} ms (suite/moment ${(oursTransitions / momentT).toFixed(2)}x)`,
      },
    ],
  );
}
