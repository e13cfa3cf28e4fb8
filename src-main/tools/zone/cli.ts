import type { CommandGroup } from '../../cli/command.ts';
import { convertInput, shiftInput, transitionsInput } from '../../contract/zone.ts';
import type { ZonedTime } from '../../contract/zone.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { parseWith as parse } from '../../core/validation.ts';
import { callChannel } from '../../cli/call-channel.ts';
import { zoneApi } from './handlers.ts';
import { plannerCommands } from './planner-cli.ts';

const isoWithOffset = (time: ZonedTime) => time.iso.replace(/\[.*\]$/, '');
const line = (time: ZonedTime, width: number) =>
  `${time.zone.padEnd(width)}  ${isoWithOffset(time)}  ${time.weekday.slice(0, 3)}  ${time.abbreviation}${time.dst ? ' (DST)' : ''}${time.requestedAs ? `  (given as ${time.requestedAs})` : ''}`;

const common = {
  disambiguation: { type: 'string' },
  tzdata: { type: 'string' },
  unit: { type: 'string' },
} as const;
const commonHelp = [
  '--disambiguation compatible|earlier|later|reject   for a wall time that does not exist or exists twice',
  '--tzdata auto|shipped|system|runtime   the newest tz data here (default), the data shipped with the app, the system zoneinfo files or the runtime ICU',
  '--unit auto|seconds|milliseconds   how a bare number is read (default auto)',
];

export const zoneCommands: CommandGroup = {
  name: 'zone',
  summary: 'Time zones: convert times, do wall-clock arithmetic, list transitions and zones',
  commands: [
    {
      name: 'convert',
      summary: 'Show a time from one zone in others',
      usage:
        'TIME --from ZONE --to ZONE[,ZONE...] [--disambiguation D] [--tzdata auto|shipped|system|runtime]',
      details: [
        'TIME: 2017-03-11 11:30, 2017-03-11T11:30:00Z, 1489199400, or Sat, 11 Mar 2017 11:30:00 +0900',
        'TIME also: now, tomorrow 15:00, in 90 minutes, next Monday 9am, 3:30 pm',
        'ZONE: an IANA name, a city, a country or an abbreviation that names one zone (see zone find)',
        ...commonHelp,
      ],
      options: { from: { type: 'string' }, to: { type: 'string' }, ...common },
      async run({ positionals, values, signal }) {
        // Through the channel, so --from and --to take what find names (Frankfurt, PST) and TIME phrases.
        const result = await callChannel(
          zoneApi,
          'zone.convert',
          parse(convertInput, {
            time: positionals.join(' '),
            from: values.from,
            to: typeof values.to === 'string' ? values.to.split(',') : [],
            disambiguation: values.disambiguation,
            tzdata: values.tzdata,
            unixUnit: values.unit,
          }),
          signal,
        );
        const times = [result.source, ...result.targets];
        const width = Math.max(...times.map((time) => time.zone.length));
        const lines = [`Read as ${result.inputReading}; data: ${result.dataSource}`];
        if (result.dataNotice) lines.push(`Note: ${result.dataNotice}`);
        if (result.inputNotice) lines.push(`Note: ${result.inputNotice}`);
        if (result.ambiguity)
          lines.push(`Note: ${result.ambiguity.message} Chose ${result.ambiguity.chosen}.`);
        lines.push(...times.map((time) => line(time, width)));
        return { exitCode: 0, json: result, text: `${lines.join('\n')}\n` };
      },
    },
    {
      name: 'shift',
      summary: 'Add or subtract years, months, days, hours, minutes on the wall clock of a zone',
      usage: 'TIME --from ZONE [--years N] [--months N] [--days N] [--hours N] [--minutes N]',
      details: [
        'Years, months and days move the wall clock; hours and minutes move exact time.',
        ...commonHelp,
      ],
      options: {
        from: { type: 'string' },
        years: { type: 'string' },
        months: { type: 'string' },
        days: { type: 'string' },
        hours: { type: 'string' },
        minutes: { type: 'string' },
        ...common,
      },
      async run({ positionals, values, signal }) {
        const amount = (name: string) => (values[name] === undefined ? 0 : Number(values[name]));
        const result = await callChannel(
          zoneApi,
          'zone.shift',
          parse(shiftInput, {
            time: positionals.join(' '),
            from: values.from,
            add: {
              years: amount('years'),
              months: amount('months'),
              days: amount('days'),
              hours: amount('hours'),
              minutes: amount('minutes'),
            },
            disambiguation: values.disambiguation,
            tzdata: values.tzdata,
            unixUnit: values.unit,
          }),
          signal,
        );
        const lines = [
          `${isoWithOffset(result.before)} ${result.before.abbreviation} -> ${isoWithOffset(result.after)} ${result.after.abbreviation}`,
        ];
        if (result.dataNotice) lines.push(`Note: ${result.dataNotice}`);
        if (result.offsetChange) lines.push(result.offsetChange);
        if (result.ambiguity) lines.push(`Note: ${result.ambiguity.message}`);
        return { exitCode: 0, json: result, text: `${lines.join('\n')}\n` };
      },
    },
    {
      name: 'transitions',
      summary: 'List the offset changes of a zone over a range of years, like zdump -v',
      usage: 'ZONE --from YEAR --to YEAR [--tzdata auto|shipped|system|runtime]',
      details: ['At most 500 years and 1,000 transitions at a time; a longer listing says where it stopped.'],
      options: { from: { type: 'string' }, to: { type: 'string' }, tzdata: { type: 'string' } },
      async run({ positionals, values, signal }) {
        if (positionals.length !== 1) throw new SuiteError('BAD_INPUT', 'give one zone.');
        const year = (value: unknown) => (value === undefined ? new Date().getFullYear() : Number(value));
        const result = await callChannel(
          zoneApi,
          'zone.transitions',
          parse(transitionsInput, {
            zone: positionals[0],
            fromYear: year(values.from),
            toYear: year(values.to ?? values.from),
            tzdata: values.tzdata,
          }),
          signal,
        );
        const lines = result.transitions.map(
          (t) =>
            `${t.at}  ${t.offsetBefore} ${t.abbreviationBefore} -> ${t.offsetAfter} ${t.abbreviationAfter}${t.dstAfter ? ' (DST)' : ''}  local ${t.wallBefore} -> ${t.wallAfter}`,
        );
        if (lines.length === 0) lines.push(`No transitions in ${result.zone} in that range.`);
        if (result.truncated) lines.push(result.truncated);
        lines.push(`Data: ${result.dataSource}`);
        if (result.dataNotice) lines.push(`Note: ${result.dataNotice}`);
        return { exitCode: 0, json: result, text: `${lines.join('\n')}\n` };
      },
    },
    {
      name: 'list',
      summary: 'List every time zone with its current offset',
      usage: '',
      async run({ signal }) {
        const result = await callChannel(zoneApi, 'zone.list', {}, signal);
        const width = Math.max(...result.zones.map((zone) => zone.id.length));
        const lines = result.zones.map((zone) =>
          `${zone.id.padEnd(width)}  ${zone.offsetNow.padEnd(9)}  ${zone.country ?? ''}${zone.aliases.length > 0 ? ` (also ${zone.aliases.join(', ')})` : ''}`.trimEnd(),
        );
        return { exitCode: 0, json: result, text: `${lines.join('\n')}\n` };
      },
    },
    ...plannerCommands,
  ],
};
