import type { Distribution, WhyAnswer } from '../../../contract/inspect.ts';
import { normalizeName } from './pep508.ts';

const MAX_PATHS = 50;
const MAX_STEPS = 100_000;

/**
 * "Why is this installed": every path from a package up through what requires it to a
 * distribution nothing requires (or, inside a cycle, to the last one not yet on the path),
 * written top-down. At most 50 paths; the rest are counted as truncated.
 */
export function whyInstalled(distributions: Distribution[], name: string): WhyAnswer {
  const byKey = new Map(
    distributions.map((distribution) => [normalizeName(distribution.name), distribution]),
  );
  const start = byKey.get(normalizeName(name));
  if (!start) return { name, installed: false, paths: [], truncated: false };
  const paths: string[][] = [];
  let truncated = false;
  // Depth-first up the requiredBy links; a stack of [package, path below it] keeps deep trees off the call stack.
  const work: string[][] = [[start.name]];
  // A dense graph has exponentially many partial paths: the walk is bounded too.
  let steps = 0;
  while (work.length > 0) {
    if (++steps > MAX_STEPS) {
      truncated = true;
      break;
    }
    const path = work.pop()!;
    const top = byKey.get(normalizeName(path[0]!))!;
    const onPath = new Set(path.map(normalizeName));
    const parents = top.requiredBy.filter((parent) => !onPath.has(normalizeName(parent)));
    if (parents.length === 0) {
      if (paths.length >= MAX_PATHS) {
        truncated = true;
        break;
      }
      paths.push(path);
      continue;
    }
    for (const parent of [...parents].reverse()) work.push([byKey.get(normalizeName(parent))!.name, ...path]);
  }
  return { name: start.name, installed: true, paths, truncated };
}

/** Mermaid node ids: letters, digits and underscores only. */
const mermaidId = (name: string) => `p_${normalizeName(name).replace(/[^a-z0-9]/g, '_')}`;
const dotString = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** The graph of requirements that apply, as a Mermaid flowchart; missing ones drawn dashed. */
export function toMermaid(distributions: Distribution[]): string {
  const lines = ['flowchart LR'];
  const installed = new Set(distributions.map((distribution) => normalizeName(distribution.name)));
  const missing = new Set<string>();
  for (const distribution of distributions)
    lines.push(`  ${mermaidId(distribution.name)}["${distribution.name} ${distribution.version}"]`);
  for (const distribution of distributions) {
    for (const requirement of activeEdges(distribution)) {
      const label = requirement.specifier ? `|"${requirement.specifier}"|` : '';
      if (!installed.has(normalizeName(requirement.name))) missing.add(requirement.name);
      const arrow =
        requirement.satisfied === false || !installed.has(normalizeName(requirement.name)) ? '-.->' : '-->';
      lines.push(`  ${mermaidId(distribution.name)} ${arrow}${label} ${mermaidId(requirement.name)}`);
    }
  }
  for (const name of missing) lines.push(`  ${mermaidId(name)}["${name} (not installed)"]`);
  return `${lines.join('\n')}\n`;
}

/** A package asking for its own extras (dask[complete] → dask[array]) draws no edge to itself. */
const activeEdges = (distribution: Distribution) =>
  distribution.requires.filter(
    (requirement) =>
      requirement.active && normalizeName(requirement.name) !== normalizeName(distribution.name),
  );

/** The same graph in Graphviz DOT; unmet requirements red and dashed. */
export function toDot(distributions: Distribution[]): string {
  const lines = ['digraph dependencies {', '  rankdir=LR;', '  node [shape=box];'];
  const names = new Map(
    distributions.map((distribution) => [normalizeName(distribution.name), distribution.name]),
  );
  const installed = new Set(names.keys());
  const missing = new Set<string>();
  for (const distribution of distributions)
    lines.push(
      `  ${dotString(distribution.name)} [label=${dotString(`${distribution.name} ${distribution.version}`)}];`,
    );
  for (const distribution of distributions) {
    for (const requirement of activeEdges(distribution)) {
      const there = installed.has(normalizeName(requirement.name));
      if (!there) missing.add(requirement.name);
      const attributes = [
        ...(requirement.specifier ? [`label=${dotString(requirement.specifier)}`] : []),
        ...(requirement.satisfied === false || !there ? ['color=red', 'style=dashed'] : []),
      ];
      const target = there ? names.get(normalizeName(requirement.name))! : requirement.name;
      lines.push(
        `  ${dotString(distribution.name)} -> ${dotString(target)}${attributes.length ? ` [${attributes.join(', ')}]` : ''};`,
      );
    }
  }
  for (const name of missing)
    lines.push(`  ${dotString(name)} [label=${dotString(`${name} (not installed)`)}, color=red];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
