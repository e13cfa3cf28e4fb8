import type { PlannerResult, PlannerRow } from '../../../src-main/contract/zone-planner.ts';

/** A slot as people paste it into a chat: one line per zone. */
export function slotText(plan: PlannerResult, row: PlannerRow): string {
  const width = Math.max(...plan.zones.map((zone) => zone.zone.length));
  const lines = plan.zones.map((zone, i) => {
    const cell = row.cells[i]!;
    return `${zone.zone.padEnd(width)}  ${cell.weekday} ${cell.date} ${cell.time} ${cell.abbreviation} (UTC${cell.offset})`;
  });
  return [`${row.utc} UTC`, ...lines].join('\n');
}

/** Quotes an argument for a POSIX shell only when it needs it. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The CLI command that prints the same planner. */
export function plannerCommand(plan: PlannerResult): string {
  const hours = plan.zones.map((zone) => `${zone.hours.start}-${zone.hours.end}`);
  const sameHours = hours.every((range) => range === hours[0]);
  return [
    'suite zone planner',
    `--date ${plan.date}`,
    `--zones ${shellWord(plan.zones.map((zone) => zone.zone).join(','))}`,
    `--hours ${sameHours ? hours[0] : hours.join(',')}`,
    ...(plan.stepMinutes === 60 ? [] : [`--step ${plan.stepMinutes}`]),
    ...(plan.days === 1 ? [] : [`--days ${plan.days}`]),
  ].join(' ');
}
