import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { stat } from 'node:fs/promises';
import type { TlsReport } from '../../../contract/inspect.ts';
import { SuiteError, fileError } from '../../../core/suite-error.ts';
import { markdownTable } from '../markdown.ts';
import { describeCertificate, verifyChain } from './describe-chain.ts';
import { loadFile, loadFromHost, parseHostPort } from './load-certificates.ts';
import type { Loaded } from './load-certificates.ts';

async function loadTarget(target: string, timeoutMs: number): Promise<Loaded> {
  if (
    await stat(target).then(
      () => true,
      () => false,
    )
  )
    return loadFile(target);
  const hostPort = parseHostPort(target);
  if (!hostPort || (!target.includes(':') && !target.includes('.'))) {
    throw new SuiteError('NOT_FOUND', `${target} is neither a file nor host:port.`);
  }
  return loadFromHost(hostPort.host, hostPort.port, timeoutMs);
}

async function anchorsFrom(caFile: string | undefined): Promise<X509Certificate[]> {
  if (!caFile) return [];
  const text = await readFile(caFile, 'utf8').catch((error: unknown) => {
    throw fileError(error, caFile);
  });
  const pems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (!pems) throw new SuiteError('BAD_INPUT', `${caFile} holds no PEM certificate.`);
  return pems.map((pem) => new X509Certificate(pem));
}

/** A certificate file, Kubernetes TLS Secret or live host: its chain, each certificate's state, and trust. */
export async function inspectTls(
  input: { target: string; caFile?: string | undefined; timeoutMs: number },
  now = Date.now(),
): Promise<TlsReport> {
  const loaded = await loadTarget(input.target, input.timeoutMs);
  const chain = loaded.certificates.map((certificate) => describeCertificate(certificate, now));
  const trust = verifyChain(loaded.certificates, await anchorsFrom(input.caFile), now);
  const leaf = loaded.certificates[0];
  const hostname =
    loaded.hostname && leaf
      ? {
          name: loaded.hostname,
          matches:
            (isIP(loaded.hostname) ? leaf.checkIP(loaded.hostname) : leaf.checkHost(loaded.hostname)) !==
            undefined,
        }
      : null;
  const flagged =
    !trust.verified ||
    hostname?.matches === false ||
    chain.some((certificate) => certificate.status !== 'valid');
  const rows = chain.map((c) => [
    c.commonName ?? c.subject,
    c.issuerName,
    c.notAfter.slice(0, 10),
    `${c.daysLeft} (${c.status})`,
    `${c.keyType} ${c.keySize}`,
    c.signatureAlgorithm,
    c.sha256,
  ]);
  return {
    target: input.target,
    source: loaded.source,
    format: loaded.format,
    chain,
    trust,
    hostname,
    flagged,
    markdown: [
      `## TLS: ${input.target}`,
      '',
      markdownTable(['Subject', 'Issuer', 'Expires', 'Days left', 'Key', 'Signature', 'SHA-256'], rows),
      '',
      trust.message,
      hostname
        ? `Host name ${hostname.name}: ${hostname.matches ? 'matches' : 'does NOT match'} the certificate.`
        : '',
    ].join('\n'),
  };
}
