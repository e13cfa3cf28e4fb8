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

/** The environment a new login shell gets; this process's own, and why, when that cannot be had. */
export async function listEnvironment(context: EnvContext, shell?: ShellKind): Promise<EnvironmentView> {
  const kind = detectShell(context, shell);
  const base = {
    shell: { kind, path: context.shellPath },
    home: context.home,
    pathDelimiter: pathDelimiter(context.platform),
  };
  let fallbackReason: string;
  if (kind === 'windows') {
    if (!context.registry) fallbackReason = 'the Windows registry can be read only on Windows.';
    else {
      try {
        const env = await newProgramEnvironment(context, context.registry);
        return {
          ...base,
          source: 'registry',
          fallbackReason: null,
          variables: describe(env, context.platform),
        };
      } catch (error) {
        fallbackReason = (error as Error).message;
      }
    }
  } else if (kind === 'unknown')
    fallbackReason = `SHELL=${context.shellPath || '(unset)'} is not bash, zsh or fish.`;
  else {
    try {
      const env = await readLoginEnvironment(kind, context.shellPath, context);
      return {
        ...base,
        source: 'login-shell',
        fallbackReason: null,
        variables: describe(env, context.platform),
      };
    } catch (error) {
      fallbackReason = (error as Error).message;
    }
  }
  return { ...base, source: 'process', fallbackReason, variables: describe(context.env, context.platform) };
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
