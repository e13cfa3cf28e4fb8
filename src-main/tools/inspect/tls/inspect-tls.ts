import type { X509Certificate } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { isIP } from 'node:net';
import type { TlsChainReport, TlsReport, TlsVerdict } from '../../../contract/inspect.ts';
import { SuiteError, throwIfCancelled } from '../../../core/suite-error.ts';
import { markdownTable } from '../markdown.ts';
import { factsOf } from './certificate-facts.ts';
import { handshake, parseHostPort } from './connect-host.ts';
import { describeCertificate, issuerName, systemTrustedRoots } from './describe-chain.ts';
import { loadAnchors, loadFile } from './load-certificates.ts';
import type { LoadedChain } from './load-certificates.ts';
import { policyWarnings } from './policy-warnings.ts';
import { renewWhen } from './renewal.ts';
import type { RenewThreshold } from './renewal.ts';
import { CLIENT_SECURITY_LEVEL } from './security-level.ts';
import { sentNotes } from './sent-notes.ts';
import { validatePath } from './validate-path.ts';
import type { Anchor } from './validate-path.ts';

export interface TlsInput {
  target: string;
  caFile?: string | undefined;
  host?: string | undefined;
  servername?: string | undefined;
  renew?: RenewThreshold | undefined;
  timeoutMs: number;
}

interface ChainToCheck {
  name: string;
  source: TlsChainReport['source'];
  format: string;
  servername: string | null;
  sent: X509Certificate[];
  anchors: Anchor[];
  host: string | null;
  key: TlsChainReport['key'];
}

/** A file to read, a folder (refused: that is --dir), or neither (then maybe a host). */
const kindOf = (target: string) =>
  stat(target).then(
    (info) => (info.isDirectory() ? 'folder' : 'file'),
    () => 'none' as const,
  );

async function chainsOf(input: TlsInput, extra: Anchor[], signal: AbortSignal): Promise<ChainToCheck[]> {
  const kind = await kindOf(input.target);
  if (kind === 'folder')
    throw new SuiteError('BAD_INPUT', `${input.target} is a folder: check its certificates with --dir.`);
  if (kind === 'file') {
    const loaded: LoadedChain[] = await loadFile(input.target);
    return loaded.map((chain) => ({
      name: chain.name,
      source: chain.source,
      format: chain.format,
      servername: null,
      sent: chain.certificates,
      anchors: [
        ...chain.anchors.map((certificate) => ({ certificate, origin: 'the Secret’s ca.crt' })),
        ...extra,
      ],
      host: input.host ?? null,
      key: chain.key,
    }));
  }
  const target = parseHostPort(input.target);
  if (!target || (!/[.:]/.test(input.target) && target.host !== 'localhost'))
    throw new SuiteError('NOT_FOUND', `${input.target} is neither a file nor host:port.`);
  const result = await handshake(target, {
    servername: input.servername,
    timeoutMs: input.timeoutMs,
    signal,
  });
  return [
    {
      name: input.target,
      source: 'host',
      format: result.protocol,
      servername: result.servername,
      sent: result.sent,
      anchors: extra,
      // The name checked is the one asked for: --host, else the SNI name, else the address.
      host: input.host ?? result.servername ?? target.host,
      key: null,
    },
  ];
}

/** The verdict word each OpenSSL error leads to (any other error: untrusted). */
const VERDICT_OF_ERROR: Partial<Record<number, TlsVerdict>> = {
  9: 'not-yet-valid',
  10: 'expired',
  62: 'wrong-host',
  64: 'wrong-host',
};

/**
 * The key first (the pair cannot serve at all), then the first error in OpenSSL's order names the
 * verdict, as the first line `openssl verify` prints does.
 */
function verdictOf(report: Omit<TlsChainReport, 'verdict' | 'flagged'>): TlsVerdict {
  if (report.key?.readable === false) return 'unreadable-key';
  if (report.key?.matches === false) return 'key-mismatch';
  const first = report.trust.errors[0];
  if (first) return VERDICT_OF_ERROR[first.code] ?? 'untrusted';
  return report.sent[0]?.status === 'renew-soon' ? 'renew-soon' : 'verified';
}

async function checkChain(
  chain: ChainToCheck,
  now: number,
  renew: RenewThreshold | undefined,
): Promise<TlsChainReport> {
  // A live host is judged as a TLS client judges it (key and digest strength at the client's level);
  // a file as `openssl verify` judges it, where weak keys and digests are warnings only.
  const result = await validatePath(chain.sent, chain.anchors, {
    now,
    host: chain.host,
    securityLevel: chain.source === 'host' ? CLIENT_SECURITY_LEVEL : 0,
  });
  const describe = (certificate: X509Certificate) => describeCertificate(certificate, now, renew);
  const hostname = chain.host
    ? {
        name: chain.host,
        matches: !result.errors.some((e) => e.code === 62 || e.code === 64),
      }
    : null;
  const top = result.path[result.path.length - 1]!;
  const message = result.verified
    ? `The chain verifies up to ${issuerName(top.subject)} (${result.anchor!.origin}).`
    : `Verification failed: ${result.errors.length === 1 ? 'one OpenSSL error' : `${result.errors.length} OpenSSL errors`}, the first ${result.errors[0]!.code} (${result.errors[0]!.error}).`;
  const partial = {
    name: chain.name,
    source: chain.source,
    format: chain.format,
    servername: chain.servername,
    sent: chain.sent.map(describe),
    sentNotes: sentNotes(chain.sent, result),
    path: result.path.map(describe),
    trust: {
      verified: result.verified,
      message,
      anchor: result.anchor?.origin ?? null,
      errors: result.errors,
    },
    hostname,
    key: chain.key,
    warnings: [
      ...(chain.source === 'host' && /^TLSv1(\.1)?$/.test(chain.format)
        ? [
            {
              kind: 'old-protocol' as const,
              depth: 0,
              message: `The server speaks at most ${chain.format}, which RFC 8996 deprecates: current clients refuse it.`,
            },
          ]
        : []),
      ...policyWarnings(result.path.map(factsOf)),
    ],
  };
  const verdict = verdictOf(partial);
  return { ...partial, verdict, flagged: verdict !== 'verified' };
}

function chainMarkdown(chain: TlsChainReport): string {
  const rows = chain.sent.map((c, index) => [
    String(index),
    c.commonName ?? c.subject,
    c.issuerName,
    c.notAfter.slice(0, 10),
    `${c.daysLeft} of ${c.lifetimeDays} (${Math.floor(c.shareLeft * 100)}% left, ${c.status})`,
    `${c.keyType} ${c.keySize}`,
    c.signatureAlgorithm,
  ]);
  return [
    `### ${chain.name}: ${chain.verdict}`,
    '',
    `${chain.format}${chain.servername ? `, SNI ${chain.servername}` : ''}. As sent:`,
    '',
    markdownTable(['#', 'Subject', 'Issuer', 'Expires', 'Days left', 'Key', 'Signature'], rows),
    '',
    ...chain.sentNotes.map((note) => `- ${note}`),
    `Path built: ${chain.path.map((c) => c.commonName ?? c.subject).join(' → ')}`,
    '',
    chain.trust.message,
    ...chain.trust.errors.map(
      (e) => `- error ${e.code} at depth ${e.depth} (${e.subject}): ${e.error}. ${e.explanation}`,
    ),
    chain.hostname
      ? `Host name ${chain.hostname.name}: ${chain.hostname.matches ? 'matches' : 'does NOT match'} the certificate.`
      : '',
    chain.key ? chain.key.message : '',
    ...chain.warnings.map((warning) => `- Warning: ${warning.message}`),
  ]
    .filter((line, index, lines) => line !== '' || lines[index - 1] !== '')
    .join('\n');
}

/** A certificate file, Kubernetes Secret(s) or live host: each chain validated as OpenSSL would. */
export async function inspectTls(
  input: TlsInput,
  signal: AbortSignal = new AbortController().signal,
  now = Date.now(),
): Promise<TlsReport> {
  if (input.host && isIP(input.host) === 0 && !/^[A-Za-z0-9*_.-]+$/.test(input.host))
    throw new SuiteError('BAD_INPUT', `${input.host} is not a host name.`);
  const extra: Anchor[] = [
    ...(input.caFile
      ? (await loadAnchors(input.caFile)).map((certificate) => ({
          certificate,
          origin: `from ${input.caFile}`,
        }))
      : []),
    ...systemTrustedRoots().map((certificate) => ({ certificate, origin: 'a root the system trusts' })),
  ];
  const chains = await chainsOf(input, extra, signal);
  const reports: TlsChainReport[] = [];
  for (const chain of chains) {
    throwIfCancelled(signal);
    reports.push(await checkChain(chain, now, input.renew));
  }
  return {
    target: input.target,
    renewWhen: renewWhen(input.renew),
    chains: reports,
    flagged: reports.some((report) => report.flagged),
    markdown: [
      `## TLS: ${input.target}`,
      '',
      `Renew soon at ${renewWhen(input.renew)}.`,
      '',
      ...reports.map(chainMarkdown),
    ].join('\n'),
  };
}
