import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { EnvironmentView, ShellKind, Variable, WhereResult } from '../../contract/env.ts';
import type { EnvContext } from './env-context.ts';
import { readLoginEnvironment } from './login-env.ts';
import { analyzePathList, isPathLike, pathDelimiter } from './path-like.ts';
import { whereInRegistry } from './registry-edit.ts';
import { newProgramEnvironment } from './windows-environment.ts';
import type { RunOptions } from './login-env.ts';
import { looksSecret, maskText, maskedValue } from './secrets.ts';
import { traceStartupFiles } from './startup-trace.ts';
import { detectShell, fishVariablesFile, knownVariables, startupFiles } from './shells.ts';
import { findAssignments, findUniversal } from './where-set.ts';

function describe(env: Record<string, string | undefined>, platform: NodeJS.Platform): Variable[] {
  return Object.entries(env)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({
      name,
      value,
      secret: looksSecret(name),
      masked: maskedValue(name, value),
      entries: isPathLike(name) ? analyzePathList(name, value, platform) : null,
    }));
}

/** Where a fresh environment comes from for this shell, or why there is none to be had. */
function freshEnvironment(
  context: EnvContext,
  kind: ShellKind | 'unknown',
  options: RunOptions,
): { source: 'login-shell' | 'registry'; read: () => Promise<Record<string, string>> } | string {
  if (kind === 'unknown') return `SHELL=${context.shellPath || '(unset)'} is not bash, zsh or fish.`;
  if (kind !== 'windows')
    return {
      source: 'login-shell',
      read: () => readLoginEnvironment(kind, context.shellPath, context, options),
    };
  const registry = context.registry;
  if (!registry) return 'the Windows registry can be read only on Windows.';
  return { source: 'registry', read: () => newProgramEnvironment(context, registry) };
}

/** The environment a new login shell gets; this process's own, and why, when that cannot be had. */
export async function listEnvironment(
  context: EnvContext,
  shell?: ShellKind,
  options: RunOptions = {},
): Promise<EnvironmentView> {
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
  const fresh = freshEnvironment(context, kind, options);
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
    // A cancelled call is cancelled, not a reason to show another environment.
    if (options.signal?.aborted) throw error;
    return fromProcess((error as Error).message);
  }
}

/** Every line of the startup files (and the files they source) that sets the variable; secrets masked unless revealed. */
export async function whereSet(
  context: EnvContext,
  name: string,
  shell?: ShellKind,
  reveal = false,
  options: RunOptions = {},
): Promise<WhereResult> {
  const kind = detectShell(context, shell);
  const result: WhereResult =
    kind === 'windows'
      ? await whereInRegistry(context, name)
      : kind === 'unknown'
        ? { name, shell: kind, files: [], assignments: [] }
        : await whereInFiles(context, kind, name, options);
  if (reveal) return result;
  return {
    ...result,
    assignments: result.assignments.map((found) => ({ ...found, text: maskText(found.text) })),
  };
}

/**
 * bash and zsh are asked which files they read (a trace of an interactive login shell); fish's order
 * is fixed (conf.d fragments by name, then config.fish). The files they source are followed too.
 */
async function whereInFiles(
  context: EnvContext,
  kind: 'bash' | 'zsh' | 'fish',
  name: string,
  options: RunOptions,
): Promise<WhereResult> {
  const binary = basename(context.shellPath) === kind ? context.shellPath : kind;
  const traced = kind === 'fish' ? null : await traceStartupFiles(kind, binary, context, options);
  const startup = traced ?? startupFiles(kind, context);
  const found = await findAssignments(kind, name, startup, knownVariables(context));
  // fish applies universal variables before any startup file.
  const universal = kind === 'fish' ? await findUniversal(fishVariablesFile(context), name) : [];
  // The documented files that do not exist, listed too: where a setting could go.
  const unread = startupFiles(kind, context).filter(
    (file) => !found.files.includes(file) && !existsSync(file),
  );
  return {
    name,
    shell: kind,
    files: [
      ...(kind === 'fish' && existsSync(fishVariablesFile(context))
        ? [{ path: fishVariablesFile(context), exists: true }]
        : []),
      ...found.files.map((path) => ({ path, exists: true })),
      ...unread.map((path) => ({ path, exists: false })),
    ],
    assignments: [...universal, ...found.assignments],
  };
}
