import type { Command, CommandGroup } from '../../cli/command.ts';
import { SHELLS, changeInput } from '../../contract/env.ts';
import type { ShellKind } from '../../contract/env.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { parseWith } from '../../core/validation.ts';
import { contextFromProcess } from './env-context.ts';
import { listEnvironment, whereSet } from './env-service.ts';
import { applyChange, planChange, undoChange } from './permanent-change.ts';

const shellOption = { shell: { type: 'string' } } as const;
const shellHelp = `--shell ${SHELLS.filter((shell) => shell !== 'windows').join('|')}   the shell whose profile to use (default: from SHELL; on Windows, the registry)`;

function shellOf(value: unknown): ShellKind | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (SHELLS as readonly string[]).includes(value)) return value as ShellKind;
  throw new SuiteError('BAD_INPUT', `--shell must be one of ${SHELLS.join(', ')}.`);
}

const mask = (value: string) => (value === '' ? '' : '•'.repeat(Math.min(12, Math.max(4, value.length))));

/** A change from the command line: --dry-run prints the diff; otherwise it is written, backed up and checked. */
async function change(
  values: Record<string, unknown>,
  input: { name: unknown; value: string; action: string },
) {
  const parsed = parseWith(changeInput, { ...input, shell: shellOf(values.shell) });
  const context = contextFromProcess();
  const plan = await planChange(context, parsed);
  if (values['dry-run'] === true) {
    return {
      exitCode: 0 as const,
      json: plan,
      text: `${plan.unchanged ? 'No change needed.\n' : plan.diff}(dry run: ${plan.file} was not changed)\n`,
    };
  }
  const result = await applyChange(context, { ...parsed, expectedSha256: plan.expectedSha256 });
  const lines = [
    result.plan.unchanged ? `No change needed in ${plan.file}.` : `Wrote ${plan.file}.`,
    ...(result.backup
      ? [`Backup: ${result.backup}`, `Undo: suite env undo ${result.undoId}`]
      : result.undoId
        ? [`Undo: suite env undo ${result.undoId}`]
        : []),
    result.verification.message,
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
    details: [
      '--reveal   show the values of names that look secret (TOKEN, SECRET, PASSWORD, KEY …)',
      shellHelp,
    ],
    options: { reveal: { type: 'boolean' }, ...shellOption },
    async run({ values }) {
      const view = await listEnvironment(contextFromProcess(), shellOf(values.shell));
      const reveal = values.reveal === true;
      const shown = view.variables.map((variable) => ({
        ...variable,
        value: variable.secret && !reveal ? mask(variable.value) : variable.value,
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
    usage: 'NAME [--shell SHELL]',
    options: shellOption,
    async run({ positionals, values }) {
      const [name] = positionals;
      if (!name || positionals.length !== 1) throw new SuiteError('BAD_INPUT', 'give one variable name.');
      const view = await listEnvironment(contextFromProcess(), shellOf(values.shell));
      const variable = view.variables.find((candidate) => candidate.name === name) ?? null;
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
    summary: 'The startup files and lines that set a variable',
    usage: 'NAME [--shell SHELL]',
    options: shellOption,
    async run({ positionals, values }) {
      const [name] = positionals;
      if (!name || positionals.length !== 1) throw new SuiteError('BAD_INPUT', 'give one variable name.');
      const result = await whereSet(contextFromProcess(), name, shellOf(values.shell));
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
    usage: 'NAME VALUE [--prepend|--append] [--shell SHELL] [--dry-run]',
    details: [
      '--prepend / --append   add VALUE as one entry at the front or back of a PATH-like variable',
      '--dry-run              print the diff and change nothing',
      shellHelp,
      'Exit code 1 when a fresh login shell does not see the change.',
    ],
    options: {
      prepend: { type: 'boolean' },
      append: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      ...shellOption,
    },
    async run({ positionals, values }) {
      if (positionals.length !== 2)
        throw new SuiteError('BAD_INPUT', 'give a name and one value (quote a value with spaces).');
      if (values.prepend && values.append)
        throw new SuiteError('BAD_INPUT', 'choose --prepend or --append, not both.');
      const action = values.prepend ? 'prepend' : values.append ? 'append' : 'set';
      return change(values, { name: positionals[0], value: positionals[1]!, action });
    },
  },
  {
    name: 'unset',
    summary: 'Remove what the app set for a variable (the block goes when empty)',
    usage: 'NAME [--shell SHELL] [--dry-run]',
    options: { 'dry-run': { type: 'boolean' }, ...shellOption },
    async run({ positionals, values }) {
      if (positionals.length !== 1) throw new SuiteError('BAD_INPUT', 'give one variable name.');
      return change(values, { name: positionals[0], value: '', action: 'remove' });
    },
  },
  {
    name: 'undo',
    summary: 'Put a profile back as it was before a change',
    usage: 'ID',
    async run({ positionals }) {
      if (positionals.length !== 1) throw new SuiteError('BAD_INPUT', 'give the id that set printed.');
      const result = await undoChange(contextFromProcess(), positionals[0]!);
      return { exitCode: 0, json: result, text: `${result.message}\n` };
    },
  },
];

export const envCommands: CommandGroup = {
  name: 'env',
  summary: 'Environment variables: see them, find where they are set, set them for good',
  commands,
};
