import type { EnvContext } from './env-context.ts';
import type { EnvironmentRegistry, RegistryKey } from './windows-registry.ts';

const TEXT_KINDS = new Set(['String', 'ExpandString']);

/** Sets a variable the Windows way: a name in other letter case replaces it. */
function assign(env: Record<string, string>, name: string, value: string): void {
  for (const existing of Object.keys(env))
    if (existing.toUpperCase() === name.toUpperCase()) delete env[existing];
  env[name] = value;
}

function lookup(env: Record<string, string>, name: string): string | undefined {
  return Object.entries(env).find(([candidate]) => candidate.toUpperCase() === name.toUpperCase())?.[1];
}

/** %NAME% references replaced as Windows does; unknown ones stay as written. */
function expand(env: Record<string, string>, text: string): string {
  return text.replace(/%([^%;]+)%/g, (reference, name: string) => lookup(env, name) ?? reference);
}

/**
 * The environment a program started from now on gets, as Explorer rebuilds it after a settings
 * change: this app's environment (which holds the per-session values), then the machine's variables,
 * then the user's over them, except Path, which is the machine's followed by the user's.
 */
export async function newProgramEnvironment(
  context: EnvContext,
  registry: EnvironmentRegistry,
): Promise<Record<string, string>> {
  const { user, machine } = await registry.read();
  const env = Object.fromEntries(
    Object.entries(context.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const apply = (key: RegistryKey, join: (name: string, value: string) => string) => {
    for (const [name, { value, kind }] of Object.entries(key)) {
      if (!TEXT_KINDS.has(kind)) continue;
      assign(env, name, join(name, kind === 'ExpandString' ? expand(env, value) : value));
    }
  };
  apply(machine, (_name, value) => value);
  const machinePath = Object.entries(machine).find(([name]) => name.toUpperCase() === 'PATH');
  apply(user, (name, value) =>
    name.toUpperCase() === 'PATH' && machinePath ? `${lookup(env, 'PATH') ?? ''};${value}` : value,
  );
  return env;
}
