import type { Conflict, Cycle, Distribution, Duplicate, Requirement } from '../../../contract/inspect.ts';
import type { RawDistribution } from './metadata.ts';
import { evaluateMarker, formatRequirement, normalizeName, parseRequirement } from './pep508.ts';
import type { MarkerEnvironment, ParsedRequirement } from './pep508.ts';
import { parseSpecifierSet, parseVersion, specifierContains } from './packaging-version.ts';
import { stronglyConnected } from './strongly-connected.ts';

type Problem = { path: string; message: string; severity: 'error' | 'warning' };

export interface Resolution {
  /** Sorted by name; `raws[i]` is the metadata behind `distributions[i]`. */
  distributions: Distribution[];
  raws: RawDistribution[];
  conflicts: Conflict[];
  duplicates: Duplicate[];
  cycles: Cycle[];
  roots: string[];
  leaves: string[];
  problems: Problem[];
}

interface Entry {
  raw: RawDistribution;
  key: string;
  /** pip's own spelling of the version: normalised, or as written when PEP 440 cannot read it. */
  version: string;
  validVersion: boolean;
  requirements: { text: string; parsed: ParsedRequirement }[];
  /** pip could not read a requirement or marker: `pip check` leaves the whole distribution out. */
  broken: boolean;
  /** For each requirement: null when it does not apply, '' when it always applies, else the extra. */
  applies: (string | null)[];
}

/** Whether a requirement applies without extras (''), only with one of `extras`, or not (null). */
function appliesWith(
  requirement: ParsedRequirement,
  environment: MarkerEnvironment,
  extras: Iterable<string>,
): string | null {
  if (!requirement.marker) return '';
  if (evaluateMarker(requirement.marker, { ...environment, extra: '' })) return '';
  for (const extra of extras) if (evaluateMarker(requirement.marker, { ...environment, extra })) return extra;
  return null;
}

/** `specifier` holds for an installed `version`; pre-releases count, as in `pip check`. */
function holdsFor(version: string, validVersion: boolean, specifier: string): boolean {
  const parsed = { text: version, valid: validVersion, prerelease: parseVersion(version).prerelease };
  return parseSpecifierSet(specifier).every((one) => specifierContains(one, parsed, true));
}

/** How Python prints a version inside `pip check`'s sort key (repr of packaging's Version). */
const versionRepr = (entry: Entry) =>
  entry.validVersion ? `<Version('${entry.version}')>` : `<LegacyVersion('${entry.version}')>`;

/**
 * `pip check`'s lines in its order: every missing requirement, then every conflict, each in the
 * order distributions were filed, within one sorted by the text of pip's own tuples. pip files
 * distributions by folder name, a later one replacing an earlier one in its first place, and
 * leaves out one it could not read.
 */
function pipCheckConflicts(entries: Entry[]): Conflict[] {
  const filed = new Map<string, Entry>();
  for (const entry of entries) if (!entry.broken) filed.set(entry.raw.pipName, entry);
  const missing: Conflict[] = [];
  const versions: Conflict[] = [];
  const sorted = (items: { key: string; conflict: Conflict }[]) =>
    items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((item) => item.conflict);
  for (const [project, entry] of filed) {
    const head = `${project} ${entry.version}`;
    const ownMissing: { key: string; conflict: Conflict }[] = [];
    const ownVersions: { key: string; conflict: Conflict }[] = [];
    entry.requirements.forEach(({ parsed }, index) => {
      if (entry.applies[index] !== '') return;
      const key = normalizeName(parsed.name);
      const target = filed.get(key);
      const written = formatRequirement(parsed);
      if (!target)
        ownMissing.push({
          key: `('${key}', <Requirement('${written}')>)`,
          conflict: {
            distribution: entry.raw.name,
            requirement: parsed.name,
            kind: 'missing',
            installed: null,
            extra: null,
            message: `${head} requires ${key}, which is not installed.`,
          },
        });
      else if (!holdsFor(target.version, target.validVersion, parsed.specifier))
        ownVersions.push({
          key: `('${key}', ${versionRepr(target)}, <Requirement('${written}')>)`,
          conflict: {
            distribution: entry.raw.name,
            requirement: written,
            kind: 'version',
            installed: target.version,
            extra: null,
            message: `${head} has requirement ${written}, but you have ${key} ${target.version}.`,
          },
        });
    });
    missing.push(...sorted(ownMissing));
    versions.push(...sorted(ownVersions));
  }
  return [...missing, ...versions];
}

function parseEntry(raw: RawDistribution, environment: MarkerEnvironment, problems: Problem[]): Entry {
  const version = parseVersion(raw.version);
  const entry: Entry = {
    raw,
    key: normalizeName(raw.name.trim()),
    version: version.text,
    validVersion: version.valid,
    requirements: [],
    broken: false,
    applies: [],
  };
  // pip 23.2 only warns about such a version (pip 24.1 refuses it); its verdict stays the same.
  if (!version.valid)
    problems.push({
      path: raw.source,
      message: `${raw.name}'s version "${raw.version}" is not a PEP 440 version; pip 24.1 and later refuse it.`,
      severity: 'warning',
    });
  for (const text of raw.requiresDist) {
    try {
      const parsed = parseRequirement(text);
      entry.requirements.push({ text, parsed });
      // Evaluated now so a marker pip cannot read breaks the distribution as it does in pip.
      appliesWith(parsed, environment, []);
    } catch (error) {
      entry.broken = true;
      problems.push({
        path: raw.source,
        message: `pip cannot read the requirement "${text}": ${(error as Error).message}`,
        severity: 'error',
      });
    }
  }
  return entry;
}

/** One collator for every sort: localeCompare with options builds one per call, slow on 1,000 names. */
const byName = new Intl.Collator('en', { sensitivity: 'base' });

const displayName = (key: string, entries: Map<string, Entry>) => entries.get(key)?.raw.name ?? key;

/**
 * The dependency graph of one interpreter's distributions, read as pip reads it: the first of a
 * name on sys.path wins (the others are duplicates), conflicts in `pip check`'s words, plus the
 * requirements that apply only when a dependent asks for an extra (reported apart), cycles as
 * strongly connected groups with their real edges, and where the trees start.
 */
export function resolveDistributions(raws: RawDistribution[], environment: MarkerEnvironment): Resolution {
  const problems: Problem[] = [];
  const byKey = new Map<string, Entry>();
  const shadowed = new Map<string, RawDistribution[]>();
  for (const raw of raws) {
    const key = normalizeName(raw.name.trim());
    if (byKey.has(key)) shadowed.set(key, [...(shadowed.get(key) ?? []), raw]);
    else byKey.set(key, parseEntry(raw, environment, problems));
  }
  const entries = [...byKey.values()];

  // Extras asked for by requirements that apply, grown until nothing new is asked.
  const extras = new Map<string, Set<string>>(entries.map((entry) => [entry.key, new Set<string>()]));
  const evaluate = (entry: Entry) => {
    entry.applies = entry.requirements.map(({ parsed }) => {
      try {
        return appliesWith(parsed, environment, extras.get(entry.key)!);
      } catch {
        return null;
      }
    });
  };
  entries.forEach(evaluate);
  // Only a distribution asked for a new extra is evaluated again, until nothing new is asked.
  let pending = entries;
  while (pending.length > 0) {
    const grown = new Set<Entry>();
    for (const entry of pending) {
      entry.requirements.forEach(({ parsed }, index) => {
        if (entry.applies[index] === null || parsed.extras.length === 0) return;
        const key = normalizeName(parsed.name);
        const wanted = extras.get(key);
        for (const extra of parsed.extras.map(normalizeName)) {
          if (wanted && !wanted.has(extra)) {
            wanted.add(extra);
            grown.add(byKey.get(key)!);
          }
        }
      });
    }
    pending = [...grown];
    pending.forEach(evaluate);
  }

  const requiredBy = new Map<string, Set<string>>();
  const graph = new Map<string, string[]>();
  // pip check's own lines, then what would break only when a dependent asks for an extra.
  const extraMissing: Conflict[] = [];
  const extraVersions: Conflict[] = [];
  const distributions = entries.map((entry): Distribution => {
    const requires: Requirement[] = entry.requirements.map(({ text, parsed }, index) => {
      const applies = entry.applies[index]!;
      const key = normalizeName(parsed.name);
      const target = byKey.get(key);
      const satisfied =
        applies === null || !target ? null : holdsFor(target.version, target.validVersion, parsed.specifier);
      if (applies && !entry.broken) {
        const extra = applies;
        const only = ` (only with extra ${extra})`;
        const head = `${entry.key} ${entry.version}`;
        if (!target)
          extraMissing.push({
            distribution: entry.raw.name,
            requirement: parsed.name,
            kind: 'missing',
            installed: null,
            extra,
            message: `${head} requires ${key}, which is not installed${only}.`,
          });
        else if (satisfied === false)
          extraVersions.push({
            distribution: entry.raw.name,
            requirement: formatRequirement(parsed),
            kind: 'version',
            installed: target!.version,
            extra,
            message: `${head} has requirement ${formatRequirement(parsed)}, but you have ${key} ${target!.version}${only}.`,
          });
      }
      return {
        raw: text,
        name: parsed.name,
        specifier: parsed.specifier,
        extras: parsed.extras,
        marker: parsed.marker,
        active: applies !== null,
        onlyWithExtra: applies === '' ? null : applies,
        installedVersion: target?.version ?? null,
        satisfied,
      };
    });
    // A package asking for its own extras (dask[complete] → dask[array]) is not a cycle.
    const edges = [
      ...new Set(
        requires
          .filter((requirement) => requirement.active)
          .map((requirement) => normalizeName(requirement.name))
          .filter((key) => key !== entry.key && byKey.has(key)),
      ),
    ];
    for (const key of edges) requiredBy.set(key, (requiredBy.get(key) ?? new Set()).add(entry.key));
    graph.set(entry.key, edges);
    return {
      name: entry.raw.name,
      version: entry.version,
      validVersion: entry.validVersion,
      summary: entry.raw.summary,
      location: entry.raw.location,
      metadataPath: entry.raw.source,
      requires,
      requiredBy: [],
      editable: false,
      freezeLine: '',
    };
  });
  for (const [index, distribution] of distributions.entries()) {
    distribution.requiredBy = [...(requiredBy.get(entries[index]!.key) ?? [])]
      .map((key) => displayName(key, byKey))
      .sort();
  }

  const components = stronglyConnected(graph);
  const cycles: Cycle[] = components
    .filter((component) => component.length > 1)
    .map((component) => {
      const members = new Set(component);
      const sorted = [...component].sort();
      return {
        members: sorted.map((key) => displayName(key, byKey)),
        edges: sorted.flatMap((from) =>
          graph
            .get(from)!
            .filter((to) => members.has(to))
            .sort()
            .map((to): [string, string] => [displayName(from, byKey), displayName(to, byKey)]),
        ),
      };
    });
  // Every package must be reachable from a root: what nothing requires, and for a group that
  // requires itself but that nothing outside requires, its first member.
  const roots: string[] = [];
  for (const component of components) {
    const members = new Set(component);
    const entered = component.some((key) =>
      [...(requiredBy.get(key) ?? [])].some((from) => !members.has(from)),
    );
    if (!entered) roots.push(displayName([...component].sort()[0]!, byKey));
  }
  // The same for the reverse tree: what requires nothing installed, and one member of each group
  // that requires nothing outside itself.
  const leaves: string[] = [];
  for (const component of components) {
    const members = new Set(component);
    const leaving = component.some((key) => graph.get(key)!.some((to) => !members.has(to)));
    if (!leaving) leaves.push(displayName([...component].sort()[0]!, byKey));
  }

  const duplicates: Duplicate[] = [...shadowed].map(([key, others]) => ({
    name: byKey.get(key)!.raw.name,
    used: { version: byKey.get(key)!.version, path: byKey.get(key)!.raw.source },
    shadowed: others.map((raw) => ({ version: parseVersion(raw.version).text, path: raw.source })),
  }));

  const order = distributions
    .map((distribution, index) => ({ distribution, raw: entries[index]!.raw }))
    .sort((a, b) => byName.compare(a.distribution.name, b.distribution.name));
  return {
    distributions: order.map((item) => item.distribution),
    raws: order.map((item) => item.raw),
    conflicts: [...pipCheckConflicts(entries), ...extraMissing, ...extraVersions],
    duplicates,
    cycles,
    roots: roots.sort(byName.compare),
    leaves: leaves.sort(byName.compare),
    problems,
  };
}
