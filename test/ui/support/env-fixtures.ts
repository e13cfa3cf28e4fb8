import type { ChangePlan, EnvironmentView, ShellKind } from '../../../src-main/contract/env.ts';

/** What env.list answers for a shell: a tiny environment that names the shell it came from. */
export function environment(kind: ShellKind = 'bash'): EnvironmentView {
  return {
    shell: { kind, path: `/bin/${kind}` },
    source: 'login-shell',
    fallbackReason: null,
    home: '/home/tester',
    pathDelimiter: ':',
    variables: [
      { name: 'EDITOR', value: 'vim', secret: false, masked: null, entries: null },
      { name: 'SHELL_SEEN', value: kind, secret: false, masked: null, entries: null },
    ],
  };
}

/** What env.plan answers: a diff that shows the value it was given. */
export function plan(name: string, value: string): ChangePlan {
  return {
    planId: 'plan-1',
    file: '/home/tester/.bashrc',
    target: '/home/tester/.bashrc',
    shell: 'bash',
    diff: `--- .bashrc\n+++ .bashrc\n+export ${name}='${value}'`,
    expectedSha256: 'a'.repeat(64),
    reason: 'Terminals read ~/.bashrc.',
    unchanged: false,
    serves: ['bash'],
    warnings: [],
    needsConfirmation: false,
  };
}
