import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { callChannel } from '../../cli/call-channel.ts';
import type { Command, CommandInput, CommandOutput } from '../../cli/command.ts';
import { SHELLS } from '../../contract/env.ts';
import type { ShellKind } from '../../contract/env.ts';
import { SuiteError, fileError } from '../../core/suite-error.ts';
import { envApi } from './handlers.ts';

const USAGE = [
  'list',
  'set NAME VAR VALUE [--prepend|--append|--remove]',
  'enable NAME [--yes] [--confirm]',
  'disable NAME [--yes]',
  'export NAME',
  'import NAME FILE [--expand]',
  'delete NAME',
];

function shellInput(values: CommandInput['values']): { shell?: ShellKind } {
  const shell = values.shell;
  if (shell === undefined) return {};
  if (typeof shell === 'string' && (SHELLS as readonly string[]).includes(shell))
    return { shell: shell as ShellKind };
  throw new SuiteError('BAD_INPUT', `--shell must be one of ${SHELLS.join(', ')}.`);
}

function arity(positionals: string[], count: number, usage: string): void {
  if (positionals.length !== count) throw new SuiteError('BAD_INPUT', `usage: suite env profile ${usage}`);
}

async function list({ values, signal }: CommandInput): Promise<CommandOutput> {
  const result = await callChannel(envApi, 'env.profiles', shellInput(values), signal);
  const lines = result.profiles.map((profile) => {
    const at = result.active.indexOf(profile.name);
    const state = at === -1 ? 'disabled' : `enabled (${at + 1} of ${result.active.length})`;
    return `${profile.name}\t${state}\t${profile.entries.length} variable edit(s)`;
  });
  // A profile still in the block after its definition was deleted is shown too: disable takes it out.
  for (const name of result.active)
    if (!result.profiles.some((profile) => profile.name === name)) lines.push(`${name}\tenabled\t(deleted)`);
  const notice = result.notice ? [`Warning: ${result.notice}`] : [];
  return {
    exitCode: 0,
    json: result,
    text: `${[...notice, ...(lines.length > 0 ? lines : ['No profiles yet.'])].join('\n')}\n`,
  };
}

async function set({ positionals, values, signal }: CommandInput): Promise<CommandOutput> {
  arity(positionals, 4, USAGE[1]!);
  const flags = (['prepend', 'append', 'remove'] as const).filter((flag) => values[flag] === true);
  if (flags.length > 1) throw new SuiteError('BAD_INPUT', 'choose one of --prepend, --append or --remove.');
  const [, profile, name, value] = positionals as [string, string, string, string];
  const saved = await callChannel(
    envApi,
    'env.profileSave',
    { profile, entry: { name, value, action: flags[0] ?? 'set' } },
    signal,
  );
  return {
    exitCode: 0,
    json: saved,
    text: `Saved in profile ${saved.name} (${saved.entries.length} variable edit(s)); enable it to write it.\n`,
  };
}

/** enable/disable: the preview is printed; only --yes writes exactly that preview. */
async function toggle(
  { positionals, values, signal }: CommandInput,
  enable: boolean,
): Promise<CommandOutput> {
  arity(positionals, 2, USAGE[enable ? 2 : 3]!);
  const reveal = values.reveal === true;
  const plan = await callChannel(
    envApi,
    'env.profilePlan',
    { profile: positionals[1]!, enable, reveal, ...shellInput(values) },
    signal,
  );
  const preview = [
    plan.unchanged ? `No change needed in ${plan.file}.\n` : plan.diff,
    ...plan.warnings.map((warning) => `Warning: ${warning.message}\n`),
  ].join('');
  if (values.yes !== true) {
    return { exitCode: 0, json: plan, text: `${preview}(preview only: add --yes to write ${plan.file})\n` };
  }
  if (plan.needsConfirmation && values.confirm !== true)
    throw new SuiteError('BAD_INPUT', 'This change needs --confirm (see the warning); nothing was written.');
  const result = await callChannel(
    envApi,
    'env.apply',
    { planId: plan.planId, confirmed: values.confirm === true, reveal },
    signal,
  );
  const lines = [
    result.plan.unchanged ? `No change needed in ${plan.file}.` : `${preview.trimEnd()}\nWrote ${plan.file}.`,
    ...(result.backup ? [`Backup: ${result.backup}`] : []),
    ...(result.undoId ? [`Undo: suite env undo ${result.undoId}`] : []),
    ...result.verification.checks.map((check) => check.message),
  ];
  return {
    exitCode: result.plan.unchanged || result.verification.tookEffect ? 0 : 1,
    json: result,
    text: `${lines.join('\n')}\n`,
  };
}

async function exportOne({ positionals, signal }: CommandInput): Promise<CommandOutput> {
  arity(positionals, 2, USAGE[4]!);
  const result = await callChannel(envApi, 'env.profileExport', { profile: positionals[1]! }, signal);
  return { exitCode: 0, json: result, text: result.text };
}

async function importOne({ positionals, values, signal }: CommandInput): Promise<CommandOutput> {
  arity(positionals, 3, USAGE[5]!);
  const path = resolve(positionals[2]!);
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw fileError(error, path);
  });
  const result = await callChannel(
    envApi,
    'env.profileImport',
    { profile: positionals[1]!, text, expand: values.expand === true },
    signal,
  );
  if (result.errors.length > 0) {
    const where = result.errors
      .map((error) => `${positionals[2]}:${error.line}: ${error.message}`)
      .join('; ');
    throw new SuiteError('BAD_INPUT', `${where}. The profile was not changed.`);
  }
  return {
    exitCode: 0,
    json: result,
    text: `Profile ${result.profile!.name} now has ${result.profile!.entries.length} variable(s) from ${positionals[2]}.\n`,
  };
}

async function deleteOne({ positionals, signal }: CommandInput): Promise<CommandOutput> {
  arity(positionals, 2, USAGE[6]!);
  const result = await callChannel(envApi, 'env.profileDelete', { profile: positionals[1]! }, signal);
  return { exitCode: 0, json: result, text: `Deleted profile ${result.deleted}.\n` };
}

const ACTIONS: Record<string, (input: CommandInput) => Promise<CommandOutput>> = {
  list,
  set,
  enable: (input) => toggle(input, true),
  disable: (input) => toggle(input, false),
  export: exportOne,
  import: importOne,
  delete: deleteOne,
};

/** `suite env profile ACTION …`: named sets of variables, enabled and disabled as one change. */
export const profileCommand: Command = {
  name: 'profile',
  summary: 'Profiles: named sets of variables and PATH edits, enabled or disabled as one change',
  usage: `ACTION …  where ACTION is one of:\n    ${USAGE.join('\n    ')}`,
  details: [
    '--prepend / --append / --remove   a list edit of a PATH-like variable instead of a value',
    '--yes       write the previewed enable/disable (without it only the preview is printed)',
    '--confirm   also write a change the preview warns needs it (a PATH without /usr/bin)',
    '--expand    import: fill in ${VAR} references (kept literal by default)',
    '--shell bash|zsh|fish   the shell whose profile to use (default: from SHELL)',
    'A later enabled profile wins over an earlier one; conflicts are shown in the preview.',
  ],
  options: {
    prepend: { type: 'boolean' },
    append: { type: 'boolean' },
    remove: { type: 'boolean' },
    yes: { type: 'boolean' },
    confirm: { type: 'boolean' },
    expand: { type: 'boolean' },
    reveal: { type: 'boolean' },
    shell: { type: 'string' },
  },
  async run(input) {
    const action = ACTIONS[input.positionals[0] ?? ''];
    if (!action) throw new SuiteError('BAD_INPUT', `give one of: ${Object.keys(ACTIONS).join(', ')}.`);
    return action(input);
  },
};
