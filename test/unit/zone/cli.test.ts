import { describe, expect, it } from 'vitest';
import { newestSource } from '../../../src-main/tools/zone/sources.ts';
import { runSuite } from '../../support/cli.ts';
import { offsetText, zdumpTransitions } from '../../support/zdump.ts';

describe('suite zone', () => {
  it('convert prints ISO-8601 with offsets, one zone a line', async () => {
    const run = await runSuite([
      'zone',
      'convert',
      '2017-03-11 11:30',
      '--from',
      'Asia/Seoul',
      '--to',
      'America/New_York,Asia/Kathmandu',
    ]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    // The newest data present answers by default, named on the result.
    expect(lines[0]).toBe(`Read as a wall-clock time in Asia/Seoul; data: ${newestSource().label}`);
    expect(lines.slice(1).map((line) => line.split(/\s+/).slice(0, 2))).toEqual([
      ['Asia/Seoul', '2017-03-11T11:30:00+09:00'],
      ['America/New_York', '2017-03-10T21:30:00-05:00'],
      ['Asia/Kathmandu', '2017-03-11T08:15:00+05:45'],
    ]);
  });

  it('convert --json is one document; --disambiguation and --tzdata are honoured', async () => {
    const run = await runSuite([
      'zone',
      'convert',
      '2024-11-03 01:30',
      '--from',
      'America/New_York',
      '--disambiguation',
      'later',
      '--tzdata',
      'system',
      '--json',
    ]);
    const result = JSON.parse(run.stdout) as {
      source: { offset: string };
      ambiguity: { kind: string };
      dataSource: string;
    };
    expect([result.source.offset, result.ambiguity.kind]).toEqual(['-05:00', 'overlap']);
    expect(result.dataSource).toMatch(/^system/);
  });

  it('transitions match zdump', async () => {
    const run = await runSuite([
      'zone',
      'transitions',
      'Europe/London',
      '--from',
      '2030',
      '--to',
      '2031',
      '--json',
    ]);
    const result = JSON.parse(run.stdout) as { transitions: { unixSeconds: number; offsetAfter: string }[] };
    expect(result.transitions.map((t) => [t.unixSeconds, t.offsetAfter])).toEqual(
      zdumpTransitions('Europe/London', 2030, 2031).map((t) => [t.at, offsetText(t.offsetAfter)]),
    );
  });

  it('list includes every runtime zone under its canonical name', async () => {
    const run = await runSuite(['zone', 'list', '--json']);
    const list = JSON.parse(run.stdout) as { zones: { id: string; aliases: string[] }[] };
    const kolkata = list.zones.find((zone) => zone.id === 'Asia/Kolkata');
    expect(kolkata?.aliases).toContain('Asia/Calcutta');
    expect(list.zones.some((zone) => zone.id === 'Asia/Calcutta')).toBe(false);
  });

  it('bad input exits 2 with one line on stderr', async () => {
    const run = await runSuite(['zone', 'convert', '2023-02-30 10:00', '--from', 'UTC']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('suite zone convert: February 2023 has 28 days, so there is no February 30.\n');
    const unknown = await runSuite(['zone', 'convert', 'now', '--from', 'UTC', '--tzdata', 'moon']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^suite zone convert: Invalid input\. tzdata: /);
  });
});
