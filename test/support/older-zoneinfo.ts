import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A copy of the system's zoneinfo in `parent` whose tzdata.zi says it is tz 1996a: with TZDIR set to
 * it, the system source is older than the shipped data for certain, whatever versions this machine has.
 */
export async function olderZoneinfo(parent: string): Promise<string> {
  const dir = join(parent, 'zoneinfo');
  await cp('/usr/share/zoneinfo', dir, { recursive: true, verbatimSymlinks: true });
  const index = join(dir, 'tzdata.zi');
  await writeFile(index, (await readFile(index, 'utf8')).replace(/^# version \S+/, '# version 1996a'));
  return dir;
}
