import { execFileSync } from 'node:child_process';

export interface ZdumpTransition {
  /** Unix seconds of the change. */
  at: number;
  offsetBefore: number;
  offsetAfter: number;
  abbreviationBefore: string;
  abbreviationAfter: string;
  dstBefore: boolean;
  dstAfter: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LINE =
  /^\S+\s+\w{3} (\w{3}) +(\d+) (\d\d):(\d\d):(\d\d) (-?\d+) UT = .* (\S+) isdst=(\d) gmtoff=(-?\d+)$/;

/** `zdump -v -c FROM,TO+1 ZONE` read into transitions: pairs of lines one second apart. */
export function zdumpTransitions(zone: string, fromYear: number, toYear: number): ZdumpTransition[] {
  const output = execFileSync('zdump', ['-v', '-c', `${fromYear},${toYear + 1}`, zone], { encoding: 'utf8' });
  const lines = output
    .split('\n')
    .map((line) => LINE.exec(line))
    .filter((match) => match !== null)
    .map((match) => {
      const [, month, day, hour, minute, second, year, abbreviation, isdst, gmtoff] = match;
      const at =
        Date.UTC(
          Number(year),
          MONTHS.indexOf(month!),
          Number(day),
          Number(hour),
          Number(minute),
          Number(second),
        ) / 1000;
      return { at, abbreviation: abbreviation!, dst: isdst === '1', offset: Number(gmtoff) };
    });
  const transitions: ZdumpTransition[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const [before, after] = [lines[i]!, lines[i + 1]!];
    if (after.at !== before.at + 1) continue;
    transitions.push({
      at: after.at,
      offsetBefore: before.offset,
      offsetAfter: after.offset,
      abbreviationBefore: before.abbreviation,
      abbreviationAfter: after.abbreviation,
      dstBefore: before.dst,
      dstAfter: after.dst,
    });
  }
  return transitions;
}

/** "+05:45", "-04:56:02": an offset in seconds written as the suite writes it. */
export function offsetText(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const total = Math.abs(seconds);
  const parts = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  return (
    sign +
    parts
      .slice(0, parts[2] ? 3 : 2)
      .map((part) => String(part).padStart(2, '0'))
      .join(':')
  );
}
