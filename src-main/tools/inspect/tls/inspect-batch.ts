import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TlsBatchReport, TlsBatchRow } from '../../../contract/inspect.ts';
import { SuiteError, fileError, throwIfCancelled } from '../../../core/suite-error.ts';
import { markdownTable } from '../markdown.ts';
import { inspectTls } from './inspect-tls.ts';
import { readBounded } from './certificate-bytes.ts';
import type { RenewThreshold } from './renewal.ts';

/** Enough for a fleet; more is a mistake (a folder of something else), not a check. */
const MAX_TARGETS = 1000;
const CERTIFICATE_FILE = /\.(pem|crt|cer|der|p7b|p7c|ya?ml|json)$/i;

async function folderTargets(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: unknown) => {
    throw fileError(error, folder);
  });
  return entries
    .filter((entry) => entry.isFile() && CERTIFICATE_FILE.test(entry.name))
    .map((entry) => join(folder, entry.name))
    .sort();
}

async function listTargets(listFile: string): Promise<string[]> {
  const text = (await readBounded(listFile)).toString('utf8');
  return (
    text
      .split(/\r?\n/)
      .map((line) => line.replace(/#.*$/, '').trim())
      .filter(Boolean)
      // ssl-cert-check's list format is "host port".
      .map((line) => line.replace(/^(\S+)\s+(\d+)$/, (_, host: string, port: string) => `${host}:${port}`))
  );
}

/** Every certificate in a folder and every host in a list, one row per chain, soonest expiry first. */
export async function inspectTlsBatch(
  input: {
    folder?: string | undefined;
    listFile?: string | undefined;
    caFile?: string | undefined;
    renew?: RenewThreshold | undefined;
    timeoutMs: number;
  },
  signal: AbortSignal,
): Promise<TlsBatchReport> {
  const targets = [
    ...(input.folder ? await folderTargets(input.folder) : []),
    ...(input.listFile ? await listTargets(input.listFile) : []),
  ];
  if (targets.length === 0) throw new SuiteError('BAD_INPUT', 'No certificate file or host to check.');
  if (targets.length > MAX_TARGETS)
    throw new SuiteError('BAD_INPUT', `${targets.length} targets: at most ${MAX_TARGETS} in one run.`);
  const rows: TlsBatchRow[] = [];
  for (const target of targets) {
    throwIfCancelled(signal);
    try {
      const report = await inspectTls(
        { target, caFile: input.caFile, renew: input.renew, timeoutMs: input.timeoutMs },
        signal,
      );
      for (const chain of report.chains) {
        const leaf = chain.sent[0]!;
        const firstError = chain.trust.errors[0];
        rows.push({
          target: chain.name === target ? target : `${target} (${chain.name})`,
          verdict: chain.verdict,
          commonName: leaf.commonName,
          notAfter: leaf.notAfter,
          daysLeft: leaf.daysLeft,
          lifetimeDays: leaf.lifetimeDays,
          detail: firstError
            ? `error ${firstError.code}: ${firstError.error}`
            : chain.key?.matches === false
              ? chain.key.message
              : chain.warnings.length > 0
                ? `${chain.warnings.length} warning${chain.warnings.length > 1 ? 's' : ''}`
                : '',
        });
      }
    } catch (error) {
      if (signal.aborted) throw error;
      rows.push({
        target,
        verdict: 'error',
        commonName: null,
        notAfter: null,
        daysLeft: null,
        lifetimeDays: null,
        detail: error instanceof Error ? error.message : String(error),
      });
    }
  }
  // Soonest expiry first; rows without a certificate (errors) go last.
  rows.sort((a, b) => (a.notAfter ?? '9999').localeCompare(b.notAfter ?? '9999'));
  return {
    rows,
    flagged: rows.some((row) => row.verdict !== 'verified'),
    markdown: [
      '## TLS certificates',
      '',
      markdownTable(
        ['Target', 'Verdict', 'Name', 'Expires', 'Days left', 'Detail'],
        rows.map((row) => [
          row.target,
          row.verdict,
          row.commonName ?? '',
          row.notAfter?.slice(0, 10) ?? '',
          row.daysLeft === null ? '' : `${row.daysLeft} of ${row.lifetimeDays}`,
          row.detail,
        ]),
      ),
    ].join('\n'),
  };
}
