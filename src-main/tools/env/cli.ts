import { callChannel } from '../../cli/call-channel.ts';
import type { Command, CommandGroup } from '../../cli/command.ts';
import { SHELLS } from '../../contract/env.ts';
import type { ShellKind } from '../../contract/env.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { envApi } from './handlers.ts';
import { profileCommand } from './profile-cli.ts';
import { PREVIEW_AGAIN } from './change-rules.ts';

const shellOption = { shell: { type: 'string' } } as const;
const revealOption = { reveal: { type: 'boolean' } } as const;
const shellHelp = `--shell ${SHELLS.filter((shell) => shell !== 'windows').join('|')}   the shell whose profile to use (default: from SHELL; on Windows, the registry)`;
const revealHelp =
  '--reveal   show values that look secret (TOKEN, SECRET, PASSWORD, KEY …, passwords in URLs)';

function shellOf(value: unknown): ShellKind | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (SHELLS as readonly string[]).includes(value)) return value as ShellKind;
  throw new SuiteError('BAD_INPUT', `--shell must be one of ${SHELLS.join(', ')}.`);
}

const shellInput = (values: Record<string, unknown>) => {
  const shell = shellOf(values.shell);
  return shell ? { shell } : {};
};

/**
 * A change from the command line, through the same preview-then-apply channels as the app: the diff
 * and any warning are printed, and exactly that preview is written (--dry-run stops after it).
 */
async function change(
  values: Record<string, unknown>,
  input: { name: string; value: string; action: 'set' | 'prepend' | 'append' | 'remove' },
  signal: AbortSignal,
) {
  const reveal = values.reveal === true;
  const plan = await callChannel(envApi, 'env.plan', { ...input, ...shellInput(values), reveal }, signal);
  const preview = [
    plan.unchanged ? `No change needed in ${plan.file}.\n` : plan.diff,
    ...plan.warnings.map((warning) => `Warning: ${warning.message}\n`),
  ].join('');
  if (values['dry-run'] === true) {
    return {
      exitCode: 0 as const,
      json: plan,
      text: `${preview}(dry run: ${plan.file} was not changed)\n`,
    };
  }
  if (plan.needsConfirmation && values.confirm !== true) {
    const warning = plan.warnings.find(
      (candidate) => candidate.kind === 'drops-system-path' || candidate.kind === 'risky',
    );
    throw new SuiteError(
      'BAD_INPUT',
      `${warning?.message ?? 'This change needs confirmation.'} Add --confirm to write it anyway; nothing was written.`,
    );
  }
  const result = await callChannel(
    envApi,
    'env.apply',
    { planId: plan.planId, confirmed: values.confirm === true, reveal },
    signal,
  ).catch((error: unknown) => {
    // The app's words are for its preview pane; here a new preview is the same command run again.
    if (error instanceof SuiteError && error.code === 'CONFLICT')
      error.message = error.message.replace(PREVIEW_AGAIN, 'Run the command again to see the new preview.');
    throw error;
  });
  const lines = [
    result.plan.unchanged ? `No change needed in ${plan.file}.` : `${preview.trimEnd()}\nWrote ${plan.file}.`,
    ...(result.backup ? [`Backup: ${result.backup}`] : []),
    ...(result.undoId ? [`Undo: suite env undo ${result.undoId}`] : []),
    ...result.verification.checks.map((check) => check.message),
    ...(result.verification.checks.length === 0 ? [result.verification.message] : []),
  ];
  return {
    exitCode: result.verification.tookEffect ? (0 as const) : (1 as const),
    json: result,
    text: `${lines.join('\n')}\n`,
  };
}

const commands: Command[] = [
  {
    name: 'list',
    summary: 'The environment a new login shell gets (secrets masked unless --reveal)',
    usage: '[--reveal] [--shell SHELL]',
    details: [revealHelp, shellHelp],
    options: { ...revealOption, ...shellOption },
    async run({ values, signal }) {
      const view = await callChannel(envApi, 'env.list', shellInput(values), signal);
      const reveal = values.reveal === true;
      const shown = view.variables.map((variable) => ({
        ...variable,
        value: !reveal && variable.masked !== null ? variable.masked : variable.value,
        // A masked value's entries would show it again.
        entries: !reveal && variable.masked !== null ? null : variable.entries,
      }));
      const header =
        view.source === 'login-shell'
          ? `# From a fresh ${view.shell.kind} login shell`
          : view.source === 'registry'
            ? "# As a program started now gets it, with the registry's variables"
            : `# This process's environment: ${view.fallbackReason}`;
      const text = [header, ...shown.map((variable) => `${variable.name}=${variable.value}`)].join('\n');
      return { exitCode: 0, json: { ...view, variables: shown }, text: `${text}\n` };
    },
  },
  {
    name: 'get',
    summary: 'One variable as a new login shell has it (exit 1 when unset)',
    usage: 'NAME [--reveal] [--shell SHELL]',
    details: [revealHelp, shellHelp],
    options: { ...revealOption, ...shellOption },
    async run({ positionals, values, signal }) {
      const [name] = positionals;
      if (!name || positionals.length !== 1) throw new SuiteError('BAD_INPUT', 'give one variable name.');
      const view = await callChannel(envApi, 'env.list', shellInput(values), signal);
      if (view.source === 'process') {
        // This process's own value is not what a new login shell has: no answer rather than a wrong one.
        const reason = `cannot tell what a new login shell has for ${name}: ${view.fallbackReason ?? 'no login shell to ask'}`;
        if (values.json !== true) throw new SuiteError('FAILED', reason);
        return {
          exitCode: 1,
          json: { name, value: null, entries: null, source: view.source, error: reason },
          text: '',
        };
      }
      const found = view.variables.find((candidate) => candidate.name === name) ?? null;
      const variable =
        found && values.reveal !== true && found.masked !== null
          ? { ...found, value: found.masked, entries: null }
          : found;
      return {
        exitCode: variable ? 0 : 1,
        json: {
          name,
          value: variable?.value ?? null,
          entries: variable?.entries ?? null,
          source: view.source,
        },
        text: variable ? `${variable.value}\n` : '',
      };
    },
  },
  {
    name: 'where',
    summary: 'The startup files and lines that set a variable (and the files they source)',
    usage: 'NAME [--reveal] [--shell SHELL]',
    details: [revealHelp, shellHelp],
    options: { ...revealOption, ...shellOption },
    async run({ positionals, values, signal }) {
      const [name] = positionals;
      if (!name || positionals.length !== 1) throw new SuiteError('BAD_INPUT', 'give one variable name.');
      const result = await callChannel(
        envApi,
        'env.where',
        { name, ...shellInput(values), reveal: values.reveal === true },
        signal,
      );
      const lines = result.assignments.map(
        (found) =>
          `${found.file}${found.line === null ? '' : `:${found.line}`}: ${found.text}${found.managed ? '   (set by DevUtil Suite)' : ''}`,
      );
      return {
        exitCode: result.assignments.length > 0 ? 0 : 1,
        json: result,
        text: `${(lines.length > 0 ? lines : [`No ${result.shell} startup file sets ${name}.`]).join('\n')}\n`,
      };
    },
  },
  {
    name: 'set',
    summary: "Set a variable for good in the shell's profile, or add an entry to a PATH-like one",
    usage: 'NAME VALUE [--prepend|--append] [--shell SHELL] [--dry-run] [--confirm] [--reveal]',
    details: [
      '--prepend / --append   add VALUE as one entry at the front or back of a PATH-like variable',
      '--dry-run              print the diff and change nothing',
      '--confirm              write a change the preview warns about (a PATH without /usr/bin and /bin)',
      revealHelp,
      shellHelp,
      'Exit code 1 when a fresh shell of a kind that reads the file does not see the change.',
    ],
    options: {
      prepend: { type: 'boolean' },
      append: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      confirm: { type: 'boolean' },
      ...revealOption,
      ...shellOption,
    },
    async run({ positionals, values, signal }) {
      if (positionals.length !== 2)
        throw new SuiteError('BAD_INPUT', 'give a name and one value (quote a value with spaces).');
      if (values.prepend && values.append)
        throw new SuiteError('BAD_INPUT', 'choose --prepend or --append, not both.');
      const action = values.prepend ? 'prepend' : values.append ? 'append' : 'set';
      return change(values, { name: positionals[0]!, value: positionals[1]!, action }, signal);
    },
  },
  {
    name: 'unset',
    summary: 'Remove what the app set for a variable (the block goes when empty)',
    usage: 'NAME [--shell SHELL] [--dry-run]',
    options: { 'dry-run': { type: 'boolean' }, ...revealOption, ...shellOption },
    async run({ positionals, values, signal }) {
      if (positionals.length !== 1) throw new SuiteError('BAD_INPUT', 'give one variable name.');
      return change(values, { name: positionals[0]!, value: '', action: 'remove' }, signal);
    },
  },
  {
    name: 'undo',
    summary: 'Put a profile back as it was before a change',
    usage: 'ID',
    async run({ positionals, signal }) {
      if (positionals.length !== 1) throw new SuiteError('BAD_INPUT', 'give the id that set printed.');
      const result = await callChannel(envApi, 'env.undo', { undoId: positionals[0]! }, signal);
      return { exitCode: 0, json: result, text: `${result.message}\n` };
    },
  },
  profileCommand,
];

export const envCommands: CommandGroup = {
  name: 'env',
  summary: 'Environment variables: see them, find where they are set, set them for good',
  commands,
};
