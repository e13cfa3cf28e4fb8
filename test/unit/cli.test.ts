import { describe, expect, it } from 'vitest';
import { commands } from '../../src-main/cli/commands.ts';
import { runSuite } from '../support/cli.ts';

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
