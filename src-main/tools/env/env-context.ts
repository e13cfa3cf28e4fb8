import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { powershellRegistry } from './windows-registry.ts';
import type { EnvironmentRegistry } from './windows-registry.ts';

/**
 * Everything that decides which files Env Settings reads and writes. The faces build it from the
 * process (HOME and SHELL decide), tests from a temporary HOME: no code here looks at the real one.
 */
export interface EnvContext {
  home: string;
  /** The login shell's path: SHELL, else the account's login shell. */
  shellPath: string;
  platform: NodeJS.Platform;
  /** The environment to start shells with. */
  env: NodeJS.ProcessEnv;
  /** Where backups and the undo journal live. */
  stateDir: string;
  /** Where Windows keeps the user's variables; absent elsewhere. */
  registry?: EnvironmentRegistry;
}

export function contextFromProcess(env: NodeJS.ProcessEnv = process.env): EnvContext {
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  const stateRoot =
    process.platform === 'win32'
      ? (env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'))
      : env.XDG_STATE_HOME?.startsWith('/')
        ? env.XDG_STATE_HOME
        : join(home, '.local', 'state'); // empty means unset, relative is ignored (XDG spec)
  return {
    home,
    shellPath: env.SHELL || accountShell(),
    platform: process.platform,
    env,
    stateDir: join(stateRoot, 'devutil-suite'),
    ...(process.platform === 'win32' ? { registry: powershellRegistry(env) } : {}),
  };
}

/**
 * The login shell the account database names. Apps started by a desktop launcher, a service manager
 * or a container often have no SHELL, yet the user still has a login shell.
 */
function accountShell(): string {
  try {
    return userInfo().shell ?? '';
  } catch {
    return '';
  }
}
