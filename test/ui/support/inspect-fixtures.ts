import type {
  CertificateInfo,
  Conflict,
  Distribution,
  PythonReport,
  TlsChainReport,
  TlsReport,
} from '../../../src-main/contract/inspect.ts';

function distribution(name: string, requiredBy: string[] = []): Distribution {
  return {
    name,
    version: '1.0',
    validVersion: true,
    summary: '',
    location: '/venv/lib/python3.12/site-packages',
    metadataPath: `/venv/lib/python3.12/site-packages/${name}-1.0.dist-info`,
    requires: [],
    requiredBy,
    editable: false,
    freezeLine: `${name}==1.0`,
  };
}

/** What inspect.python answers for an interpreter: two distributions, with or without a conflict. */
export function pythonReport(python: string, conflicts: Conflict[] = []): PythonReport {
  return {
    flagged: conflicts.length > 0,
    markdown: '',
    interpreters: [{ path: python, version: '3.12.1', foundVia: 'PATH' }],
    chosen: { path: python, version: '3.12.1', sitePackages: ['/venv/lib/python3.12/site-packages'] },
    distributions: [distribution('app'), distribution('requests', ['app'])],
    conflicts,
    duplicates: [],
    cycles: [],
    problems: [],
    roots: ['app'],
    leaves: ['requests'],
    graph: { mermaid: '', dot: '' },
    requirementsTxt: 'app==1.0\nrequests==1.0\n',
    why: null,
  };
}

export const versionConflict: Conflict = {
  distribution: 'app',
  requirement: 'requests>=2',
  kind: 'version',
  installed: '1.0',
  extra: null,
  message: 'app 1.0 has requirement requests>=2, but you have requests 1.0.',
};

function certificate(name: string, status: CertificateInfo['status']): CertificateInfo {
  return {
    subject: `CN=${name}`,
    commonName: name,
    sans: [name],
    issuer: 'CN=Test Root',
    issuerName: 'Test Root',
    notBefore: '2026-01-01T00:00:00Z',
    notAfter: '2027-01-01T00:00:00Z',
    daysLeft: status === 'renew-soon' ? 10 : 200,
    lifetimeDays: 365,
    shareLeft: status === 'renew-soon' ? 0.03 : 0.55,
    status,
    keyType: 'EC',
    keySize: 'P-256',
    signatureAlgorithm: 'ecdsa-with-SHA256',
    sha256: name.padEnd(64, '0'),
    isCA: false,
  };
}

/** One chain as inspect.tls reports it: trusted and fresh, not trusted, or trusted but expiring soon. */
function chain(name: string, verdict: 'verified' | 'untrusted' | 'renew-soon'): TlsChainReport {
  const trusted = verdict !== 'untrusted';
  const leaf = certificate(name, verdict === 'renew-soon' ? 'renew-soon' : 'valid');
  return {
    name,
    source: 'file',
    format: 'PEM',
    servername: null,
    verdict,
    sent: [leaf],
    sentNotes: [],
    path: [leaf],
    trust: {
      verified: trusted,
      message: trusted ? 'Trusted: the chain ends at a system root.' : 'NOT trusted: no root vouches for it.',
      anchor: trusted ? 'system roots' : null,
      errors: trusted
        ? []
        : [
            {
              code: 20,
              error: 'unable to get local issuer certificate',
              depth: 0,
              subject: `CN=${name}`,
              explanation: 'No trusted certificate issued this one.',
            },
          ],
    },
    hostname: null,
    key: null,
    warnings: [],
    flagged: verdict !== 'verified',
  };
}

/** What inspect.tls answers for a bundle of three chains, one of each verdict. */
export function tlsReport(target: string): TlsReport {
  return {
    flagged: true,
    markdown: '',
    target,
    renewWhen: 'a third of the lifetime left',
    chains: [
      chain('good.test', 'verified'),
      chain('rogue.test', 'untrusted'),
      chain('soon.test', 'renew-soon'),
    ],
  };
}
