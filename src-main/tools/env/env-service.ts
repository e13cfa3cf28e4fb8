import { existsSync } from 'node:fs';
import type { EnvironmentView, ShellKind, Variable, WhereResult } from '../../contract/env.ts';
import type { EnvContext } from './env-context.ts';
import { readLoginEnvironment } from './login-env.ts';
import { analyzePathList, isPathLike, pathDelimiter } from './path-like.ts';
import { whereInRegistry } from './registry-edit.ts';
import { newProgramEnvironment } from './windows-environment.ts';
import { looksSecret } from './secrets.ts';
import { detectShell, startupFiles } from './shells.ts';
import { findAssignments } from './where-set.ts';

function describe(env: Record<string, string | undefined>, platform: NodeJS.Platform): Variable[] {
  return Object.entries(env)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({
      name,
      value,
      secret: looksSecret(name),
      entries: isPathLike(name) ? analyzePathList(name, value, platform) : null,
    }));
}

/** Where a fresh environment comes from for this shell, or why there is none to be had. */
function freshEnvironment(
  context: EnvContext,
  kind: ShellKind | 'unknown',
): { source: 'login-shell' | 'registry'; read: () => Promise<Record<string, string>> } | string {
  if (kind === 'unknown') return `SHELL=${context.shellPath || '(unset)'} is not bash, zsh or fish.`;
  if (kind !== 'windows')
    return { source: 'login-shell', read: () => readLoginEnvironment(kind, context.shellPath, context) };
  const registry = context.registry;
  if (!registry) return 'the Windows registry can be read only on Windows.';
  return { source: 'registry', read: () => newProgramEnvironment(context, registry) };
}

/** The environment a new login shell gets; this process's own, and why, when that cannot be had. */
export async function listEnvironment(context: EnvContext, shell?: ShellKind): Promise<EnvironmentView> {
  const kind = detectShell(context, shell);
  const base = {
    shell: { kind, path: context.shellPath },
    home: context.home,
    pathDelimiter: pathDelimiter(context.platform),
  };
  const fromProcess = (fallbackReason: string): EnvironmentView => ({
    ...base,
    source: 'process',
    fallbackReason,
    variables: describe(context.env, context.platform),
  });
  const fresh = freshEnvironment(context, kind);
  if (typeof fresh === 'string') return fromProcess(fresh);
  try {
    const env = await fresh.read();
    return {
      ...base,
      source: fresh.source,
      fallbackReason: null,
      variables: describe(env, context.platform),
    };
  } catch (error) {
    return fromProcess((error as Error).message);
  }
}

export async function whereSet(context: EnvContext, name: string, shell?: ShellKind): Promise<WhereResult> {
  const kind = detectShell(context, shell);
  if (kind === 'windows') return whereInRegistry(context, name);
  const files = kind === 'unknown' ? [] : startupFiles(kind, context);
  return {
    name,
    shell: kind,
    files: files.map((path) => ({ path, exists: existsSync(path) })),
    assignments: kind === 'unknown' ? [] : await findAssignments(kind, name, files),
  };
}
