import { satisfies } from '@renovatebot/pep440';
import type { Conflict, Distribution, Requirement } from '../../../contract/inspect.ts';
import type { RawDistribution } from './metadata.ts';
import { evaluateMarker, normalizeName, parseRequirement } from './pep508.ts';
import type { MarkerEnvironment, ParsedRequirement } from './pep508.ts';

export interface Resolution {
  distributions: Distribution[];
  conflicts: Conflict[];
  cycles: string[][];
  problems: { path: string; message: string }[];
}

interface Parsed {
  raw: RawDistribution;
  key: string;
  requirements: { text: string; parsed: ParsedRequirement | null; error: string | null }[];
}

function holds(requirement: ParsedRequirement, environment: MarkerEnvironment, extras: Set<string>): boolean {
  if (!requirement.marker) return true;
  // A requirement with an extra applies when a dependent asked for that extra.
  return [...extras, ''].some((extra) => evaluateMarker(requirement.marker!, { ...environment, extra }));
}

/**
 * Builds the dependency graph of installed distributions for one interpreter: requirements whose
 * markers hold (extras included where some dependent asks for them), what each is required by,
 * conflicts as `pip check` reports them, and cycles.
 */
export function resolveDistributions(raws: RawDistribution[], environment: MarkerEnvironment): Resolution {
  const problems: Resolution['problems'] = [];
  // The first distribution of a name on sys.path wins, as with pip.
  const byKey = new Map<string, Parsed>();
  for (const raw of raws) {
    const key = normalizeName(raw.name);
    if (byKey.has(key)) continue;
    const requirements = raw.requiresDist.map((text) => {
      try {
        return { text, parsed: parseRequirement(text), error: null };
      } catch (error) {
        return { text, parsed: null, error: (error as Error).message };
      }
    });
    for (const requirement of requirements)
      if (requirement.error) problems.push({ path: raw.source, message: requirement.error });
    byKey.set(key, { raw, key, requirements });
  }

  // Extras asked for by active requirements, grown until nothing new is asked.
  const extras = new Map<string, Set<string>>([...byKey.keys()].map((key) => [key, new Set<string>()]));
  const activeOf = (entry: Parsed) =>
    entry.requirements.filter((requirement) => {
      if (!requirement.parsed) return false;
      try {
        return holds(requirement.parsed, environment, extras.get(entry.key)!);
      } catch (error) {
        problems.push({ path: entry.raw.source, message: (error as Error).message });
        requirement.parsed = null;
        return false;
      }
    });
  for (let changed = true; changed;) {
    changed = false;
    for (const entry of byKey.values()) {
      for (const requirement of activeOf(entry)) {
        const wanted = extras.get(normalizeName(requirement.parsed!.name));
        for (const extra of requirement.parsed!.extras.map(normalizeName)) {
          if (wanted && !wanted.has(extra)) {
            wanted.add(extra);
            changed = true;
          }
        }
      }
    }
  }

  const requiredBy = new Map<string, Set<string>>();
  const conflicts: Conflict[] = [];
  const graph = new Map<string, string[]>();
  const distributions: Distribution[] = [...byKey.values()].map((entry) => {
    const active = new Set(activeOf(entry));
    const requires: Requirement[] = entry.requirements
      .filter((requirement) => requirement.parsed)
      .map((requirement) => {
        const parsed = requirement.parsed!;
        const target = byKey.get(normalizeName(parsed.name));
        const isActive = active.has(requirement);
        let satisfied: boolean | null = null;
        if (isActive && target) {
          try {
            satisfied = parsed.specifier === '' || satisfies(target.raw.version, parsed.specifier);
          } catch {
            satisfied = null;
          }
        }
        return {
          raw: requirement.text,
          name: parsed.name,
          specifier: parsed.specifier,
          extras: parsed.extras,
          marker: parsed.marker,
          active: isActive,
          installedVersion: target?.raw.version ?? null,
          satisfied,
        };
      });
    const edges: string[] = [];
    for (const requirement of requires.filter((candidate) => candidate.active)) {
      const key = normalizeName(requirement.name);
      if (!byKey.has(key)) {
        conflicts.push({
          distribution: entry.raw.name,
          requirement: requirement.name,
          kind: 'missing',
          installed: null,
          message: `${entry.raw.name} ${entry.raw.version} requires ${requirement.name}, which is not installed.`,
        });
        continue;
      }
      edges.push(key);
      requiredBy.set(key, (requiredBy.get(key) ?? new Set()).add(entry.raw.name));
      if (requirement.satisfied === false) {
        conflicts.push({
          distribution: entry.raw.name,
          requirement: `${requirement.name}${requirement.specifier}`,
          kind: 'version',
          installed: requirement.installedVersion,
          message: `${entry.raw.name} ${entry.raw.version} has requirement ${requirement.name}${requirement.specifier}, but you have ${byKey.get(key)!.raw.name} ${requirement.installedVersion}.`,
        });
      }
    }
    graph.set(entry.key, edges);
    return {
      name: entry.raw.name,
      version: entry.raw.version,
      summary: entry.raw.summary,
      location: entry.raw.location,
      requires,
      requiredBy: [],
    };
  });
  for (const distribution of distributions) {
    distribution.requiredBy = [...(requiredBy.get(normalizeName(distribution.name)) ?? [])].sort();
  }
  const names = new Map([...byKey.values()].map((entry) => [entry.key, entry.raw.name]));
  return {
    distributions: distributions.sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' })),
    conflicts,
    cycles: findCycles(graph).map((cycle) => cycle.map((key) => names.get(key)!)),
    problems,
  };
}

/** Each elementary cycle once, as the strongly connected components of more than one node (or a self-loop). */
function findCycles(graph: Map<string, string[]>): string[][] {
  // Tarjan's algorithm, iterative so a deep graph cannot overflow the stack.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: [string, number][] = [[start, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [node, edge] = frame;
      if (edge === 0 && !index.has(node)) {
        index.set(node, counter);
        low.set(node, counter++);
        stack.push(node);
        onStack.add(node);
      }
      const neighbours = graph.get(node) ?? [];
      if (edge < neighbours.length) {
        frame[1]++;
        const next = neighbours[edge]!;
        if (!index.has(next)) work.push([next, 0]);
        else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(node)!));
      if (low.get(node) === index.get(node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1 || (graph.get(node) ?? []).includes(node))
          components.push(component.reverse());
      }
    }
  }
  return components;
}
