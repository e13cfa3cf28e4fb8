import type { EnvContext } from './env-context.ts';
import { VARIABLE_REFERENCE, findNamed, isTextKind, sameName } from './windows-registry.ts';
import type { EnvironmentRegistry, RegistryKey } from './windows-registry.ts';

/** Sets a variable the Windows way: a name in other letter case replaces it. */
function assign(env: Record<string, string>, name: string, value: string): void {
  for (const existing of Object.keys(env)) if (sameName(existing, name)) delete env[existing];
  env[name] = value;
}

/** %NAME% references replaced as Windows does; unknown ones stay as written. */
function expand(env: Record<string, string>, text: string): string {
  return text.replace(
    new RegExp(VARIABLE_REFERENCE, 'g'),
    (reference, name: string) => findNamed(env, name)?.[1] ?? reference,
  );
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
      if (!isTextKind(kind)) continue;
      assign(env, name, join(name, kind === 'ExpandString' ? expand(env, value) : value));
    }
  };
  apply(machine, (_name, value) => value);
  const machinePath = findNamed(machine, 'PATH');
  apply(user, (name, value) =>
    sameName(name, 'PATH') && machinePath ? `${findNamed(env, 'PATH')?.[1] ?? ''};${value}` : value,
  );
  return env;
}
