import { callChannel } from '../../cli/call-channel.ts';
import type { Command } from '../../cli/command.ts';
import type { PlannerResult } from '../../contract/zone-planner.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { zoneApi } from './handlers.ts';

/** "9-17", "09:00-17:30" → { start, end }; a clear error for anything else. */
function readHours(text: string): { start: string; end: string } {
  const match = /^(\d{1,2})(?::(\d{2}))?-(\d{1,2})(?::(\d{2}))?$/.exec(text.trim());
  if (!match)
    throw new SuiteError(
      'BAD_INPUT',
      `Working hours "${text}" are not START-END, such as 9-17 or 08:30-16:30.`,
    );
  const clock = (hour: string, minute = '00') => `${hour.padStart(2, '0')}:${minute}`;
  return { start: clock(match[1]!, match[2]), end: clock(match[3]!, match[4]) };
}

const number = (value: unknown, fallback: number) => (value === undefined ? fallback : Number(value));

const TZDATA_HELP =
  '--tzdata auto|shipped|system|runtime   the newest tz data here (default), the data shipped with the app, the system zoneinfo files or the runtime ICU';

function plannerText(result: PlannerResult): string {
  const names = result.zones.map((zone) => zone.zone);
  const width = Math.max(12, ...names.map((name) => name.length));
  const lengths = result.dayLengths
    .filter((day) => day.hours !== 24)
    .map((day) => ` ${day.date} has ${day.hours} hours in ${names[0]}.`);
  const lines = [
    `Planner from ${result.date}, ${result.days} day(s) of ${names[0]}, every ${result.stepMinutes} min.${lengths.join('')}`,
    `Working hours: ${result.zones.map((zone) => `${zone.zone} ${zone.hours.start}-${zone.hours.end}`).join(', ')}. * = inside everyone's working hours.`,
    `  ${'UTC'.padEnd(16)}  ${names.map((name) => name.padEnd(width)).join('  ')}`,
  ];
  for (const row of result.rows) {
    const cells = row.cells.map((cell) => `${cell.time} ${cell.state}`.padEnd(width));
    const notes = row.cells.flatMap((cell, i) => [
      ...(cell.dateChange && row !== result.rows[0] ? [`${names[i]} is now ${cell.dateChange}`] : []),
      ...(cell.offsetChange ? [`${names[i]}: ${cell.offsetChange}`] : []),
    ]);
    const mark = row.everyoneWorking ? '*' : ' ';
    lines.push(
      `${mark} ${row.utc}  ${cells.join('  ')}${notes.length ? `  <- ${notes.join('; ')}` : ''}`.trimEnd(),
    );
  }
  lines.push(`Data: ${result.dataSource}`);
  if (result.dataNotice) lines.push(`Note: ${result.dataNotice}`);
  return `${lines.join('\n')}\n`;
}

export const plannerCommands: Command[] = [
  {
    name: 'planner',
    summary: 'A day of hours across zones, with working hours, date and DST changes marked',
    usage:
      '--date YYYY-MM-DD --zones ZONE,ZONE[,...] [--hours 9-17[,8-16...]] [--step 60|30|15] [--days N] [--tzdata auto|shipped|system|runtime]',
    details: [
      'ZONE: an IANA name, a city (Frankfurt), a country (Japan) or an unambiguous abbreviation.',
      "Rows follow the first zone's day: a 23- or 25-hour day has 23 or 25 hourly rows.",
      '--hours: one range for every zone, or one per zone in order (default 9-17).',
      TZDATA_HELP,
    ],
    options: {
      date: { type: 'string' },
      zones: { type: 'string' },
      hours: { type: 'string' },
      step: { type: 'string' },
      days: { type: 'string' },
      tzdata: { type: 'string' },
    },
    async run({ values, signal }) {
      const zones = typeof values.zones === 'string' ? values.zones.split(',') : [];
      const ranges = typeof values.hours === 'string' ? values.hours.split(',').map(readHours) : [];
      const result = await callChannel(
        zoneApi,
        'zone.planner',
        {
          date: typeof values.date === 'string' ? values.date : new Date().toISOString().slice(0, 10),
          zones,
          hours: ranges.length === 1 ? zones.map(() => ranges[0]!) : ranges,
          stepMinutes: number(values.step, 60) as 60,
          days: number(values.days, 1),
          tzdata: values.tzdata as 'auto',
        },
        signal,
      );
      return { exitCode: 0, json: result, text: plannerText(result) };
    },
  },
  {
    name: 'ics',
    summary: "A meeting as an .ics calendar event (RFC 5545) in the organiser's zone",
    usage:
      'TIME --from ZONE [--minutes 60] [--title TEXT] [--disambiguation D] [--tzdata auto|shipped|system|runtime]',
    details: [
      'Prints the event; save it with > meeting.ics and open it in a calendar program.',
      'A note on older tz data chosen by hand goes to stderr, so the saved file stays a calendar.',
      TZDATA_HELP,
      'TIME: 2026-12-01 09:00, tomorrow 3pm, next Monday 9am, or any time convert reads.',
    ],
    options: {
      from: { type: 'string' },
      minutes: { type: 'string' },
      title: { type: 'string' },
      disambiguation: { type: 'string' },
      tzdata: { type: 'string' },
    },
    async run({ positionals, values, signal }) {
      const result = await callChannel(
        zoneApi,
        'zone.ics',
        {
          time: positionals.join(' '),
          from: values.from as string,
          minutes: number(values.minutes, 60),
          title: typeof values.title === 'string' ? values.title : 'Meeting',
          disambiguation: values.disambiguation as 'compatible',
          tzdata: values.tzdata as 'auto',
        },
        signal,
      );
      // stdout is the calendar file itself (> meeting.ics): the note goes beside it.
      if (result.dataNotice) process.stderr.write(`Note: ${result.dataNotice}\n`);
      return { exitCode: 0, json: result, text: result.text };
    },
  },
  {
    name: 'find',
    summary: 'List the zones a city, country, abbreviation or zone name can mean',
    usage: 'TEXT',
    details: ['Exit 1 when nothing matches.'],
    async run({ positionals, signal }) {
      const result = await callChannel(zoneApi, 'zone.find', { text: positionals.join(' ') }, signal);
      const width = Math.max(0, ...result.matches.map((match) => match.zone.length));
      const lines = result.matches.map(
        (match) =>
          `${match.zone.padEnd(width)}  ${match.offsetNow.padEnd(6)}  ${match.abbreviationNow.padEnd(9)}  ${match.by}: ${match.label}`,
      );
      if (lines.length === 0) lines.push(`No zone matches "${result.query}".`);
      else if (!result.unique) lines.push(`"${result.query}" names no single zone: use one of these names.`);
      return { exitCode: result.matches.length === 0 ? 1 : 0, json: result, text: `${lines.join('\n')}\n` };
    },
  },
];
