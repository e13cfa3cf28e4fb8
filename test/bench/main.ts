import { ensureBuilt } from '../../scripts/build.ts';
import { benchCompare } from './compare.ts';
import { benchFolders } from './folders.ts';
import { benchInspect } from './inspect.ts';
import { benchZone } from './zone.ts';
import { benchVerify } from './verify.ts';
import { benchZoneCheck } from './zone-check.ts';

/** `npm run bench -- <name>`: measures a tool against what a user would run instead, as ratios. */
const benches: Record<string, () => void | Promise<void>> = {
  compare: benchCompare,
  verify: benchVerify,
  folders: benchFolders,
  zone: benchZone,
  'zone-check': benchZoneCheck,
  inspect: benchInspect,
};

const names = process.argv.slice(2);
const unknown = names.filter((name) => !(name in benches));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; choose from: ${Object.keys(benches).join(', ')}.`);
  process.exit(2);
}
// The CLI measured is the one `devutil` runs after a build: out/main/cli.js (scripts/devutil.js).
ensureBuilt();
for (const name of names.length > 0 ? names : Object.keys(benches)) await benches[name]!();
