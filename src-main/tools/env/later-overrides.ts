import { basename } from 'node:path';
import type { PlanWarning } from '../../contract/env.ts';
import type { Change } from './change-rules.ts';
import type { EnvContext } from './env-context.ts';
import { knownVariables, startupFiles } from './shells.ts';
import { traceStartupFiles } from './startup-trace.ts';
import { findAssignments } from './where-set.ts';

type FileShell = 'bash' | 'zsh' | 'fish';

/**
 * Lines in files the shell reads after the app's file that set the variable again without keeping
 * its value ($NAME, zsh's path array, fish_add_path keep it): the preview warns of each.
 * A bash login shell reads its login file last, so there is nothing after it for bash.
 */
export async function laterOverrides(
  context: EnvContext,
  kind: FileShell,
  file: string,
  change: Change,
): Promise<PlanWarning | null> {
  if (kind === 'bash' || change.action === 'remove') return null;
  // zsh is asked what it reads (files sourced in loops included); a file not there yet reads first.
  const traced =
    kind === 'zsh'
      ? await traceStartupFiles(
          'zsh',
          basename(context.shellPath) === 'zsh' ? context.shellPath : 'zsh',
          context,
        )
      : null;
  const order = traced?.includes(file) ? traced : startupFiles(kind, context);
  const index = order.indexOf(file);
  const later = index < 0 ? [] : order.slice(index + 1);
  const { assignments } = await findAssignments(kind, change.name, later, knownVariables(context));
  const keeps = new RegExp(
    `\\$\\{?${change.name}\\b${change.name === 'PATH' ? '|\\$path\\b|^path\\+=|^fish_add_path\\b' : ''}`,
  );
  const overriding = assignments.filter((found) => !found.managed && !keeps.test(found.text));
  if (overriding.length === 0) return null;
  const home = context.home;
  const where = overriding
    .map(
      (found) =>
        `${found.file.startsWith(`${home}/`) ? `~${found.file.slice(home.length)}` : found.file}:${found.line} (${found.text.split('\n')[0]})`,
    )
    .join(', ');
  return {
    kind: 'overridden',
    message: `${where} ${overriding.length === 1 ? 'sets' : 'set'} ${change.name} again later, so shells that read ${overriding.length === 1 ? 'that file' : 'those files'} get that value instead of this one.`,
  };
}
