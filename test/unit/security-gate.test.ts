import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { transformWithOxc } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../scripts/build.ts';
import { APP_ORIGIN, isTrustedFrame } from '../../src-main/electron/trusted-frame.ts';
import { repoRoot } from '../support/paths.ts';

interface Finding {
  check: string;
  severity: string;
  file: string;
  location: string;
}

const allowList = JSON.parse(
  readFileSync(join(repoRoot, 'test/security/electronegativity-allowlist.json'), 'utf8'),
) as {
  entries: { check: string; file: string; reason: string }[];
};

interface Issue {
  id: string;
  file: string;
  severity: { name: string };
  location: { line: number; column: number };
}

const require = createRequire(import.meta.url);

/**
 * Electronegativity fetches "updated translations" of its messages from the network before every
 * scan (a one-second request whose failure it logs and ignores; offline, its timer then rejects after
 * the test ended). The gate runs offline: its loader is replaced, at the module boundary, by one
 * that sets up the same i18n with the English messages the package ships.
 */
function useShippedTranslations(): void {
  const loaderPath = require.resolve('@doyensec/electronegativity/dist/locales/i18n.js');
  const scannerRequire = createRequire(loaderPath);
  const i18n = scannerRequire('i18n') as {
    configure(options: Record<string, unknown>): void;
    setLocale(locale: string): void;
  };
  const loadTranslations = async (): Promise<void> => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: dirname(loaderPath),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
  };
  require.cache[loaderPath] = {
    id: loaderPath,
    filename: loaderPath,
    loaded: true,
    exports: loadTranslations,
  } as unknown as NodeJS.Module;
}

/**
 * Electronegativity over the main-process source and the built renderer, through its programmatic
 * API (its CSV writer races its own header). Its per-file checks only: its global checks include one
 * that downloads Electron's release list, which an offline machine cannot.
 */
async function scan(input: string): Promise<Finding[]> {
  useShippedTranslations();
  const { CHECKS } = require('@doyensec/electronegativity/dist/finder/checks/AtomicChecks/index.js') as {
    CHECKS: { name: string }[];
  };
  // The package's export is the runner function itself.
  const run = require('@doyensec/electronegativity') as (
    options: Record<string, unknown>,
    forCli: boolean,
  ) => Promise<{ issues: Issue[]; errors: unknown[] }>;
  const result = await run(
    {
      input,
      customScan: CHECKS.map((check) => check.name),
      isRelative: true,
      electronVersionOverride: (require('electron/package.json') as { version: string }).version,
    },
    false,
  );
  // A file it cannot parse is skipped with an entry here: its checks would silently find nothing.
  unparsed.push(
    ...(result.errors as { file: string; message: string }[]).map(
      (error) => `${error.file}: ${error.message}`,
    ),
  );
  return result.issues.map((issue) => ({
    check: issue.id,
    severity: issue.severity.name,
    file: issue.file,
    location: `${issue.location.line}:${issue.location.column}`,
  }));
}

/**
 * The built renderer as Electronegativity can read it. Its parser stops at class private fields
 * (`#state`: Svelte 5 compiles runes classes to them) and skips such a file, checks and all; in this
 * copy they are lowered to ES2021 by oxc (Vite's own transformer), everything else as built.
 */
async function readableRenderer(): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), 'suite-gate-renderer-'));
  await cp(join(repoRoot, 'out/renderer'), copy, { recursive: true });
  for (const entry of await readdir(copy, { recursive: true })) {
    if (!entry.endsWith('.js')) continue;
    const file = join(copy, entry);
    const { code } = await transformWithOxc(await readFile(file, 'utf8'), file, { target: 'es2021' });
    await writeFile(file, code);
  }
  return copy;
}

let findings: Finding[];
const unparsed: string[] = [];
let renderer: string;

beforeAll(async () => {
  ensureBuilt();
  renderer = await readableRenderer();
  findings = [...(await scan(join(repoRoot, 'src-main'))), ...(await scan(renderer))];
}, 120_000);

afterAll(() => rm(renderer, { recursive: true, force: true }));

describe('security gate (Electronegativity)', () => {
  it('reads every file it is given: none skipped as unparsable', () => {
    expect(unparsed).toEqual([]);
  });

  it('finds nothing above LOW that the reviewed allow-list does not explain', () => {
    const serious = findings.filter((finding) => !['LOW', 'INFORMATIONAL'].includes(finding.severity));
    const unexplained = serious.filter(
      (finding) =>
        !allowList.entries.some((entry) => entry.check === finding.check && entry.file === finding.file),
    );
    expect(unexplained).toEqual([]);
    expect(findings.length).toBeGreaterThan(0);
  });

  it('has no stale allow-list entries', () => {
    const stale = allowList.entries.filter(
      (entry) => !findings.some((finding) => finding.check === entry.check && finding.file === entry.file),
    );
    expect(stale).toEqual([]);
  });

  it('sees the window options it checks: no auxclick, context isolation and sandbox on', () => {
    expect(
      findings.filter((finding) =>
        [
          'AUXCLICK_JS_CHECK',
          'CONTEXT_ISOLATION_JS_CHECK',
          'SANDBOX_JS_CHECK',
          'NODE_INTEGRATION_JS_CHECK',
        ].includes(finding.check),
      ),
    ).toEqual([]);
  });
});

describe('IPC sender check', () => {
  it('accepts only the top frame of the app’s own page', () => {
    expect(isTrustedFrame({ parent: null, url: `${APP_ORIGIN}/index.html` })).toBe(true);
    expect(isTrustedFrame({ parent: {} as never, url: `${APP_ORIGIN}/index.html` })).toBe(false);
    expect(isTrustedFrame({ parent: null, url: 'https://evil.example/' })).toBe(false);
    expect(isTrustedFrame({ parent: null, url: 'app://other/index.html' })).toBe(false);
    expect(isTrustedFrame({ parent: null, url: 'file:///etc/passwd' })).toBe(false);
    expect(isTrustedFrame({ parent: null, url: 'not a url' })).toBe(false);
    expect(isTrustedFrame(null)).toBe(false);
  });
});
