import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import type { LinkageReport, LinkageSubject, LinkedLibrary } from '../../../contract/inspect.ts';
import { SuiteError } from '../../../core/suite-error.ts';
import { markdownTable } from '../markdown.ts';
import { runCommand } from '../run-command.ts';
import { describeBinary, matchesHost, readBinary } from './binary-format.ts';
import { systemLdCache } from './ld-cache.ts';
import { defaultLibraryDirs, resolveElf } from './resolve-elf.ts';
import { loaderSubdirs } from './loader-subdirs.ts';
import type { ElfContext } from './resolve-elf.ts';
import { resolveMacho } from './resolve-macho.ts';

const PYTHON_NAME = /^python(\d+(\.\d+)?)?(\.exe)?$/;

/** A command name is looked up on PATH as a shell would; anything with a slash is a path. */
async function locate(target: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  if (target.includes('/') || target.includes('\\')) return resolve(target);
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, target);
    if (
      await access(candidate, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  return null;
}

/** Where a Python finds its _ssl and _hashlib modules, without importing them (an import could fail on the very problem). */
const FIND_MODULES = `
import importlib.util, json
import sys
out = {'executable': sys.executable}
for name in ('_ssl', '_hashlib'):
    try:
        spec = importlib.util.find_spec(name)
        out[name] = spec.origin if spec else None
    except Exception:
        out[name] = None
print(json.dumps(out))
`;

async function pythonModules(python: string, signal?: AbortSignal): Promise<Record<string, string | null>> {
  const result = await runCommand(python, ['-c', FIND_MODULES], 10_000, process.env, signal);
  if (result.code !== 0)
    throw new Error(
      `${python} could not say where _ssl is: ${result.stderr.trim().split('\n').at(-1) ?? ''}`,
    );
  return JSON.parse(result.stdout) as Record<string, string | null>;
}

const emptySubject = (target: string): LinkageSubject => ({
  target,
  path: null,
  format: null,
  rpath: [],
  runpath: [],
  libraries: [],
  fixes: [],
  error: null,
});

function fixesFor(subject: LinkageSubject, libraries: LinkedLibrary[]): string[] {
  const fixes: string[] = [];
  const present = libraries.filter((library) => library.tls && library.resolvedPath);
  for (const library of libraries.filter((entry) => entry.state === 'missing')) {
    const dangling = library.rejected.find((entry) => entry.reason.includes('dangling'));
    const wrongArch = library.rejected.find((entry) => entry.reason.includes('architecture'));
    const who =
      library.neededBy === subject.path
        ? basename(library.neededBy)
        : `${basename(library.neededBy)} (loaded by ${basename(subject.path ?? '')})`;
    if (dangling)
      fixes.push(
        `${dangling.path} is a link to a file that is gone: reinstall the package that owns ${library.name}, or point the link at an existing copy.`,
      );
    else if (wrongArch)
      fixes.push(
        `${wrongArch.path} is built for another architecture: install ${library.name} for this machine's.`,
      );
    else if (library.tls) {
      const have =
        present.length > 0
          ? ` The OpenSSL found here is ${present.map((p) => `${p.name} (${p.version ?? 'version unknown'})`).join(', ')}.`
          : '';
      fixes.push(
        `${who} needs ${library.name}, which is nowhere on its search path: install the OpenSSL release that provides it, or rebuild ${basename(library.neededBy)} against the OpenSSL you have; a copy elsewhere can be added with an RPATH or LD_LIBRARY_PATH (DYLD_LIBRARY_PATH on macOS).${have}`,
      );
    } else
      fixes.push(
        `${who} needs ${library.name}, which is nowhere on its search path: install the package that provides it.`,
      );
  }
  return fixes;
}

async function analyse(
  target: string,
  path: string,
  context: ElfContext,
  env: NodeJS.ProcessEnv,
): Promise<LinkageSubject> {
  const subject: LinkageSubject = {
    target,
    path,
    format: null,
    rpath: [],
    runpath: [],
    libraries: [],
    fixes: [],
    error: null,
  };
  let info;
  try {
    info = await readBinary(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    subject.error =
      code === 'ENOENT'
        ? `${path} does not exist.`
        : code
          ? `${path} cannot be read (${code}).`
          : `${path}: ${(error as Error).message}`;
    return subject;
  }
  if (!info) {
    subject.error = `${path} is not a program or library (no ELF or Mach-O header); a script's interpreter is what loads libraries.`;
    return subject;
  }
  subject.format = describeBinary(info);
  if (!matchesHost(info))
    subject.error = `${path} is built for another architecture (${subject.format}); this machine cannot load it.`;
  const real = await realpath(path).catch(() => path);
  if (info.format === 'elf') {
    subject.rpath = info.rpath;
    subject.runpath = info.runpath;
    // The kernel runs a program by its real path; a library is loaded by the path it is asked for.
    const origin = info.interpreter ? dirname(real) : dirname(path);
    subject.libraries = await resolveElf(path, info, origin, context);
  } else {
    subject.rpath = info.rpath;
    const home = env.HOME ?? homedir();
    const fallback = env.DYLD_FALLBACK_LIBRARY_PATH?.split(':').filter(Boolean) ?? [
      join(home, 'lib'),
      '/usr/local/lib',
      '/usr/lib',
    ];
    subject.libraries = await resolveMacho(path, info, {
      executableDir: dirname(real),
      fallbackPath: fallback,
    });
  }
  subject.fixes = fixesFor(subject, subject.libraries);
  return subject;
}

function markdown(subjects: LinkageSubject[]): string {
  const parts = ['## Linkage', ''];
  for (const subject of subjects) {
    parts.push(
      `### ${subject.target}${subject.path && subject.path !== subject.target ? ` (${subject.path})` : ''}`,
      '',
    );
    if (subject.error) parts.push(subject.error, '');
    if (subject.format)
      parts.push(
        `${subject.format}${subject.rpath.length ? `; RPATH ${subject.rpath.join(':')}` : ''}${subject.runpath.length ? `; RUNPATH ${subject.runpath.join(':')}` : ''}`,
        '',
      );
    if (subject.libraries.length > 0)
      parts.push(
        markdownTable(
          ['Library', 'State', 'Resolves to', 'Via', 'Version', 'Needed by'],
          subject.libraries.map((library) => [
            library.name + (library.tls ? ' (TLS)' : ''),
            library.state === 'missing' ? 'MISSING' : library.state,
            library.resolvedPath,
            library.via,
            library.version,
            library.neededBy,
          ]),
        ),
        '',
      );
    if (subject.fixes.length > 0) parts.push(...subject.fixes.map((fix) => `- ${fix}`), '');
  }
  return parts.join('\n');
}

/**
 * "Why won't it load?": for each program, library or Python (its _ssl and _hashlib modules),
 * the libraries it needs, where the platform's loader finds each, what version the libssl and
 * libcrypto files are, and what is missing, with the fix in words.
 */
export async function inspectLinkage(
  targets: string[],
  env: NodeJS.ProcessEnv = process.env,
  signal?: AbortSignal,
): Promise<LinkageReport> {
  const context: ElfContext = {
    // An empty entry is the current folder, as ld.so reads it; an empty variable is none.
    ldLibraryPath: env.LD_LIBRARY_PATH ? env.LD_LIBRARY_PATH.split(/[:;]/) : [],
    subdirs: await loaderSubdirs(),
    cache: process.platform === 'linux' ? await systemLdCache() : new Map(),
    defaultDirs: process.platform === 'linux' ? defaultLibraryDirs() : [],
  };
  const subjects: LinkageSubject[] = [];
  for (const target of targets) {
    if (signal?.aborted) throw new SuiteError('CANCELLED', 'Cancelled.');
    const path = await locate(target, env);
    // A name that is neither a file nor a command is a typing mistake: said plainly, nothing else run.
    const found = path ? await stat(path).catch((error: NodeJS.ErrnoException) => error) : null;
    // ldd says "Too many levels of symbolic links" for a loop: it exists, it just never ends.
    if (found instanceof Error && found.code === 'ELOOP')
      throw new SuiteError('NOT_FOUND', `${target} is a loop of symbolic links.`);
    if (!path || !found || found instanceof Error)
      throw new SuiteError(
        'NOT_FOUND',
        path && target.includes('/')
          ? `${target} does not exist.`
          : `${target} is not a file, and no command of that name is on PATH.`,
      );
    if (!PYTHON_NAME.test(basename(path))) {
      subjects.push(await analyse(target, path, context, env));
      continue;
    }
    let modules: Record<string, string | null>;
    try {
      modules = await pythonModules(path, signal);
    } catch (error) {
      if (signal?.aborted) throw new SuiteError('CANCELLED', 'Cancelled.');
      subjects.push(await analyse(target, path, context, env));
      subjects.push({ ...emptySubject(`${target}: _ssl`), error: (error as Error).message });
      continue;
    }
    // A pyenv shim or a wrapper script: the binary that runs is sys.executable.
    const executable = modules.executable || path;
    subjects.push(await analyse(target, executable, context, env));
    for (const name of ['_ssl', '_hashlib']) {
      const origin = modules[name] ?? null;
      const label = `${target}: ${name}`;
      if (origin === null)
        subjects.push({
          ...emptySubject(label),
          fixes: [
            `This Python has no ${name} module: it was built without OpenSSL; rebuild it with OpenSSL's headers installed.`,
          ],
          error: `${name} is not there.`,
        });
      else if (origin === 'built-in') subjects.push({ ...emptySubject(label), path: executable });
      else subjects.push(await analyse(label, origin, context, env));
    }
  }
  const flagged = subjects.some(
    (subject) => subject.error !== null || subject.libraries.some((library) => library.state === 'missing'),
  );
  return { subjects, flagged, markdown: markdown(subjects) };
}
