import type {
  EnvironmentRegistry,
  RegistryKey,
  RegistryValue,
} from '../../src-main/tools/env/windows-registry.ts';

/**
 * HKCU\Environment and the machine key in memory: the operating system's part, which no machine here
 * has. The tool code under test is the real one; only the registry behind it is this.
 */
export class MemoryRegistry implements EnvironmentRegistry {
  user: RegistryKey;
  machine: RegistryKey;
  writes = 0;

  constructor(user: RegistryKey = {}, machine: RegistryKey = {}) {
    this.user = structuredClone(user);
    this.machine = structuredClone(machine);
  }

  async read() {
    return structuredClone({ user: this.user, machine: this.machine });
  }

  /** As the registry does: names are case-insensitive, and an existing value keeps its spelling. */
  async write(name: string, value: RegistryValue | null) {
    this.writes++;
    const existing = Object.keys(this.user).find(
      (candidate) => candidate.toUpperCase() === name.toUpperCase(),
    );
    if (existing) delete this.user[existing];
    if (value) this.user[existing ?? name] = structuredClone(value);
  }
}
