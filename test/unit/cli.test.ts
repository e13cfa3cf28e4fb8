import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src-main/cli/commands.ts';
import { runSuite } from '../support/cli.ts';
import type { CliRun } from '../support/cli.ts';
import { cliEntry, repoRoot } from '../support/paths.ts';
import { tempDir } from '../support/temp.ts';

describe('suite CLI', () => {
  it('--help lists the tools and exits 0', async () => {
    const run = await runSuite(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: suite <tool>/);
    expect(run.stdout).toContain('info');
  });

  it('no arguments prints help and exits 2', async () => {
    const run = await runSuite([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Usage:');
  });

  it('an unknown tool is a one-line usage error, exit 2', async () => {
    const run = await runSuite(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('unknown tool "frobnicate"');
  });

  it('output that cannot be written is a one-line failure, never a success: a full disk exits 2', async () => {
    const dir = await tempDir('cli-full');
    await writeFile(join(dir, 'a'), 'alpha\n');
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "${cliEntry}" hash a > /dev/full`], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('suite: the output could not be written: no space left on device.\n');
  });

  it('a reader that stops early (| head -1) ends the command quietly, as SIGPIPE ends sha256sum', async () => {
    const dir = await tempDir('cli-pipe');
    // More lines than a pipe holds (64 KiB), so writing goes on after head has gone.
    for (let file = 0; file < 2000; file++) await writeFile(join(dir, `file-${file}`), `${file}\n`);
    const script = `"${process.execPath}" "${cliEntry}" hash -r . 2>stderr | head -1 >/dev/null; echo \${PIPESTATUS[0]}`;
    const run = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('141');
    expect(readFileSync(join(dir, 'stderr'), 'utf8')).toBe('');
  });

  it('an unknown option is a usage error, exit 2', async () => {
    const run = await runSuite(['info', '--bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--bogus'");
  });

  it('--json prints exactly one JSON document and nothing else', async () => {
    const run = await runSuite(['info', '--json']);
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as { face: string; versions: Record<string, string> };
    expect(document.face).toBe('cli');
    expect(document.versions.node).toBe(process.versions.node);
  });

  it("names and sums up each tool as the tool's own module does, which loads only when it runs", async () => {
    for (const tool of commands) {
      const entry = await tool.load();
      expect({ name: entry.name, summary: entry.summary }).toEqual({
        name: tool.name,
        summary: tool.summary,
      });
    }
  });
});

/** Runs a program to its end in `cwd`, collecting its output. */
function runIn(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the CLI as people start it', () => {
  const name = 'release notes 1.txt';
  /** What sha256sum prints for `name`, run in the caller's folder: the answer every way must give. */
  async function callerFolder(): Promise<{ dir: string; expected: string }> {
    const dir = await tempDir('cli-caller');
    await writeFile(join(dir, name), 'in the caller’s folder\n');
    return { dir, expected: execFileSync('sha256sum', [name], { cwd: dir, encoding: 'utf8' }) };
  }

  it('`npm run suite` reads relative paths from the folder it was called in, not the repository', async () => {
    const { dir, expected } = await callerFolder();
    const run = await runIn(
      dir,
      'npm',
      ['--prefix', repoRoot, 'run', '--silent', 'suite', '--', 'hash', name],
      {
        ...process.env,
        npm_lifecycle_event: '',
      },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(expected);
  });

  it('a CLI started from another npm script keeps its own working folder', async () => {
    const { dir, expected } = await callerFolder();
    // As when a test runner (itself started by `npm test`) starts the CLI in a folder of its own.
    const run = await runIn(dir, process.execPath, [cliEntry, 'hash', name], {
      ...process.env,
      npm_lifecycle_event: 'test',
      INIT_CWD: repoRoot,
    });
    expect(run.stdout).toBe(expected);
  });

  it('`npm link` gives a `devutil` command that works in any folder, whatever Node is first on PATH', async () => {
    const { dir, expected } = await callerFolder();
    const prefix = await tempDir('npm-global');
    // `npm link` into a throwaway global folder, so the machine's own global folder is untouched.
    const linked = await runIn(
      repoRoot,
      'npm',
      ['link', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'],
      {
        ...process.env,
        npm_config_prefix: prefix,
      },
    );
    expect(linked.code, linked.stderr).toBe(0);
    const devutil = join(prefix, 'bin', 'devutil');
    // Node 20 (Debian's, when present) cannot run TypeScript: the launcher hands over to the Node 24
    // that `npm install` put in node_modules. The Node running these tests runs it directly.
    const nodes = [process.execPath, '/usr/bin/node'].filter((node) => existsSync(node));
    for (const node of nodes) {
      const path = `${dirname(node)}${delimiter}${process.env.PATH ?? ''}`;
      // Without the network guard's --import, which only a Node that runs TypeScript can load.
      const run = await runIn(dir, devutil, ['hash', name], { ...process.env, PATH: path, NODE_OPTIONS: '' });
      expect({ node, stderr: run.stderr, stdout: run.stdout }).toEqual({
        node,
        stderr: '',
        stdout: expected,
      });
      expect(run.code).toBe(0);
    }
  });
});
