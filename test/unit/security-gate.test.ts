import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
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

/** Electronegativity's CSV report as rows: quoted fields may hold commas, doubled quotes and line breaks. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field.trim());
      field = '';
    } else if (char === '\n') {
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field.trim()]);
  return rows;
}

/**
 * Electronegativity over the main-process source and the built renderer. Its per-file checks only:
 * its global checks include one that downloads Electron's release list, which an offline machine cannot.
 */
function scan(input: string): Finding[] {
  const require = createRequire(import.meta.url);
  const { CHECKS } = require('@doyensec/electronegativity/dist/finder/checks/AtomicChecks/index.js') as {
    CHECKS: { name: string }[];
  };
  const out = join(mkdtempSync(join(tmpdir(), 'suite-eneg-')), 'report.csv');
  const electronVersion = (require('electron/package.json') as { version: string }).version;
  try {
    execFileSync(
      join(repoRoot, 'node_modules/.bin/electronegativity'),
      [
        '-i',
        input,
        '-e',
        electronVersion,
        '-r',
        '-l',
        CHECKS.map((check) => check.name).join(','),
        '-o',
        out,
      ],
      {
        cwd: repoRoot,
        stdio: 'ignore',
      },
    );
  } catch {
    // It exits non-zero whenever it reports anything; the report says what.
  }
  return csvRows(readFileSync(out, 'utf8'))
    .slice(1)
    .filter((row) => row.length >= 5)
    .map(([check, severity, , file, location]) => ({
      check: check!,
      severity: severity!,
      file: file!,
      location: location!,
    }));
}

let findings: Finding[];

beforeAll(() => {
  ensureBuilt();
  findings = [...scan('src-main'), ...scan('out/renderer')];
}, 120_000);

describe('security gate (Electronegativity)', () => {
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
