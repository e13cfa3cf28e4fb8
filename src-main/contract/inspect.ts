import { z } from 'zod';
import { channel } from './define.ts';

/** Every report says whether anything in it deserves attention, and comes as Markdown for export. */
interface Report {
  flagged: boolean;
  markdown: string;
}

export interface SystemOverview extends Report {
  os: { name: string; version: string };
  arch: string;
  kernel: string;
  shell: string;
  versions: { label: string; version: string }[];
}

export interface SupportStatus {
  status: 'supported' | 'out-of-support' | 'unknown';
  /** End of support of that release line, from the release data in the repository. */
  until: string | null;
  note: string;
}

export interface OpensslExecutable {
  path: string;
  realPath: string;
  /** Position among the PATH's entries; null when found only in a well-known place. */
  pathIndex: number | null;
  /** The one a shell runs for `openssl`. */
  wins: boolean;
  version: string | null;
  builtOn: string | null;
  platform: string | null;
  openssldir: string | null;
  modulesdir: string | null;
  support: SupportStatus | null;
  error: string | null;
}

export interface OpensslReport extends Report {
  executables: OpensslExecutable[];
  releaseDataCheckedOn: string;
}

export interface Library {
  path: string;
  kind: 'libssl' | 'libcrypto';
  /** From the file name: libcrypto.so.1.1 → 1.1, libcrypto.1.0.0.dylib → 1.0.0, libcrypto-3-x64.dll → 3. */
  version: string | null;
  /** The link's own target, when the file is a symbolic link. */
  linkTarget: string | null;
  /** Where the chain of links ends, or null when it ends nowhere. */
  resolved: string | null;
  dangling: boolean;
  foundVia: string;
}

export interface LibrariesReport extends Report {
  libraries: Library[];
  /** ldconfig's cache on Linux; null elsewhere or when it cannot be read. */
  ldconfig: { name: string; path: string; detail: string }[] | null;
}

export interface PythonInterpreter {
  path: string;
  version: string | null;
  foundVia: string;
}

export interface Requirement {
  raw: string;
  name: string;
  specifier: string;
  extras: string[];
  marker: string | null;
  /** The marker holds for this interpreter (and the extras asked for). */
  active: boolean;
  installedVersion: string | null;
  /** null when inactive or not installed. */
  satisfied: boolean | null;
}

export interface Distribution {
  name: string;
  version: string;
  summary: string;
  location: string;
  requires: Requirement[];
  requiredBy: string[];
}

export interface Conflict {
  distribution: string;
  requirement: string;
  kind: 'missing' | 'version';
  installed: string | null;
  message: string;
}

export interface PythonReport extends Report {
  interpreters: PythonInterpreter[];
  chosen: { path: string; version: string; sitePackages: string[] } | null;
  distributions: Distribution[];
  conflicts: Conflict[];
  cycles: string[][];
  /** Metadata that could not be read, each with its path. */
  problems: { path: string; message: string }[];
  requirementsTxt: string;
}

export interface CertificateInfo {
  subject: string;
  commonName: string | null;
  sans: string[];
  issuer: string;
  /** "Let's Encrypt (R11)" for Let's Encrypt issuers, else the issuer's common name or organisation. */
  issuerName: string;
  notBefore: string;
  notAfter: string;
  daysLeft: number;
  status: 'valid' | 'expiring' | 'expired' | 'not-yet-valid';
  keyType: string;
  keySize: string;
  signatureAlgorithm: string;
  sha256: string;
  isCA: boolean;
}

export interface TlsReport extends Report {
  target: string;
  source: 'file' | 'kubernetes-secret' | 'host';
  format: string;
  chain: CertificateInfo[];
  trust: { verified: boolean; message: string };
  hostname: { name: string; matches: boolean } | null;
}

const path = z.string().trim().max(4096);

export const inspectChannels = {
  'inspect.system': channel<SystemOverview>()(
    z.object({}),
    'OS, architecture, shell and the versions of everything the app runs on',
  ),
  'inspect.openssl': channel<OpensslReport>()(
    z.object({}),
    'Every openssl executable, which one wins, and its support status',
  ),
  'inspect.libs': channel<LibrariesReport>()(
    z.object({}),
    'libssl and libcrypto libraries, their versions and links',
  ),
  'inspect.python': channel<PythonReport>()(
    z.object({ python: path.optional() }),
    'Python interpreters and one interpreter’s installed distributions as a checked dependency tree',
  ),
  'inspect.tls': channel<TlsReport>()(
    z.object({
      target: z
        .string()
        .trim()
        .min(1, 'Enter a certificate file, a Kubernetes TLS Secret, or host:port.')
        .max(4096),
      /** Extra trust anchors (a PEM file), e.g. a private CA. */
      caFile: path.optional(),
      timeoutMs: z.number().int().min(100).max(60_000).default(8000),
    }),
    'A certificate file, Kubernetes TLS Secret or live host: its chain, validity and trust',
  ),
};
