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
  /** OpenSSL, LibreSSL, BoringSSL, or null when the output names none. */
  product: string | null;
  /** A vendor's addition to the version (`-fips`, `+quic`, ` FIPS`), kept apart from the release. */
  vendorSuffix: string | null;
  /** The library the executable really loads, when its version differs from the one it was built with. */
  library: { product: string; version: string; support: SupportStatus } | null;
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
  /**
   * ok: a shared library of this machine's architecture. Else what is wrong: a link to nothing, a
   * loop of links, a folder, a file that is no library (text, an archive), another architecture.
   */
  state: 'ok' | 'dangling' | 'loop' | 'folder' | 'not-a-library' | 'wrong-arch' | 'unreadable';
  /** "ELF 64-bit x86-64 shared object", "Mach-O arm64 dylib"; null when not a binary. */
  format: string | null;
  /** The release the file itself names, e.g. "OpenSSL 3.0.17 1 Jul 2025". */
  fileVersion: string | null;
  /** The state in words. */
  detail: string;
}

export interface LibrariesReport extends Report {
  libraries: Library[];
  /** ldconfig's cache on Linux; null elsewhere or when it cannot be read. */
  ldconfig: { name: string; path: string; detail: string }[] | null;
}

/** One library a binary asks for, and where the platform's loader finds it. */
export interface LinkedLibrary {
  /** As the binary names it: DT_NEEDED (`libcrypto.so.3`) or a Mach-O load command (`@rpath/libcrypto.3.dylib`). */
  name: string;
  /** The binary (program or library) that asks for it. */
  neededBy: string;
  /**
   * found; missing (no usable file anywhere on the search path: what was passed over, such as a
   * dangling link or another architecture, is in `rejected`); or in macOS's dyld shared cache.
   */
  state: 'found' | 'missing' | 'shared-cache';
  resolvedPath: string | null;
  /** The rule that found it: RPATH, RUNPATH, LD_LIBRARY_PATH, ld.so.cache, default folder, @rpath … */
  via: string | null;
  /** The release read from the resolved file (OpenSSL/LibreSSL libraries), else from its name. */
  version: string | null;
  /** Paths tried that did not do, with why (dangling link, other architecture); at most 20. */
  rejected: { path: string; reason: string }[];
  /** libssl or libcrypto. */
  tls: boolean;
  /** Through which libraries it is needed, from the subject down; empty for a direct need. */
  chain: string[];
}

export interface LinkageSubject {
  /** As the user gave it: a path, a command name, or "python: _ssl". */
  target: string;
  path: string | null;
  format: string | null;
  rpath: string[];
  runpath: string[];
  libraries: LinkedLibrary[];
  /** What to do about missing libraries, in words. */
  fixes: string[];
  error: string | null;
}

export interface LinkageReport extends Report {
  subjects: LinkageSubject[];
}

export interface PythonInterpreter {
  path: string;
  version: string | null;
  foundVia: string;
  /** Why the version is missing: it did not answer in time, or failed. */
  error?: string | null;
}

export interface Requirement {
  raw: string;
  name: string;
  specifier: string;
  extras: string[];
  marker: string | null;
  /** The marker holds for this interpreter (and the extras asked for). */
  active: boolean;
  /** Set when the requirement applies only because a dependent asked for this extra. */
  onlyWithExtra: string | null;
  installedVersion: string | null;
  /** null when inactive or not installed. */
  satisfied: boolean | null;
}

export interface Distribution {
  name: string;
  version: string;
  /** False for a version PEP 440 cannot read (`latest`): pip compares nothing to it. */
  validVersion: boolean;
  summary: string;
  location: string;
  /** The .dist-info or .egg-info folder the interpreter reads. */
  metadataPath: string;
  requires: Requirement[];
  requiredBy: string[];
  /** Installed with `pip install -e`. */
  editable: boolean;
  /** The line `pip freeze` writes for it (editable ones with their comment line). */
  freezeLine: string;
}

export interface Conflict {
  distribution: string;
  requirement: string;
  kind: 'missing' | 'version';
  installed: string | null;
  /** null: `pip check` reports it; else it matters only when this extra is asked for. */
  extra: string | null;
  message: string;
}

/** Two metadata folders of one project: the interpreter imports the first on sys.path. */
export interface Duplicate {
  name: string;
  used: { version: string; path: string };
  shadowed: { version: string; path: string }[];
}

/** A strongly connected group of distributions, with the requirement edges between them. */
export interface Cycle {
  members: string[];
  edges: [string, string][];
}

export interface PythonReport extends Report {
  interpreters: PythonInterpreter[];
  chosen: { path: string; version: string; sitePackages: string[] } | null;
  distributions: Distribution[];
  conflicts: Conflict[];
  duplicates: Duplicate[];
  cycles: Cycle[];
  /**
   * Metadata that could not be read (warning: pip skips it), or that makes `pip check` fail
   * (error: a requirement or marker it cannot read, a version PEP 440 cannot read).
   */
  problems: { path: string; message: string; severity: 'error' | 'warning' }[];
  /** Where the trees start: what nothing requires, and one member of each cycle nothing outside requires. */
  roots: string[];
  /** Where the reverse trees start: what requires nothing installed, and one member of each cycle that requires nothing outside it. */
  leaves: string[];
  /** The dependency graph as Mermaid and Graphviz DOT text. */
  graph: { mermaid: string; dot: string };
  /** `pip freeze` for this environment with the options asked for. */
  requirementsTxt: string;
  /** The paths from a package up to what nothing requires, when asked with `why`. */
  why: WhyAnswer | null;
}

export interface WhyAnswer {
  name: string;
  installed: boolean;
  /** Each path starts at a top-level distribution and ends at the package. */
  paths: string[][];
  /** True when there were more paths than are listed. */
  truncated: boolean;
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
  /** Whole days from notBefore to notAfter. */
  lifetimeDays: number;
  /** Share of the lifetime still ahead, 0 to 1 (0 once expired, 1 before it starts). */
  shareLeft: number;
  /** renew-soon: less left than the renewal threshold (default a third of the lifetime). */
  status: 'valid' | 'renew-soon' | 'expired' | 'not-yet-valid';
  keyType: string;
  keySize: string;
  signatureAlgorithm: string;
  sha256: string;
  isCA: boolean;
}

/** One failure as OpenSSL names it (X509_V_ERR number and text), at a depth of the built path. */
export interface VerifyError {
  code: number;
  /** OpenSSL's own text, e.g. "invalid CA certificate". */
  error: string;
  /** 0 is the leaf, as in `openssl verify`'s "error 79 at 1 depth lookup". */
  depth: number;
  subject: string;
  /** The suite's plain words. */
  explanation: string;
}

/** Advice beside the verdict: OpenSSL still verifies these, browsers or the CA/B Forum do not accept them. */
export interface PolicyWarning {
  kind: 'weak-signature' | 'weak-key' | 'no-server-auth' | 'too-long' | 'no-san' | 'old-protocol';
  depth: number;
  message: string;
}

/** The verdict of one chain, as words a test and the UI read (data-verdict). */
export type TlsVerdict =
  | 'verified'
  | 'renew-soon'
  | 'untrusted'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-host'
  | 'key-mismatch'
  | 'unreadable-key';

export interface TlsChainReport {
  /** The file, host:port, or "namespace/name" of a Kubernetes Secret. */
  name: string;
  source: 'file' | 'kubernetes-secret' | 'host';
  format: string;
  /** For a host: the SNI name sent (null: none, for an IP address). */
  servername: string | null;
  verdict: TlsVerdict;
  /** The certificates in the order the server sent them (or the file holds them). */
  sent: CertificateInfo[];
  /** What is wrong with the sent list: order, extra or missing certificates. */
  sentNotes: string[];
  /** The path the validator built, leaf first, the trust anchor last when one was found. */
  path: CertificateInfo[];
  trust: {
    verified: boolean;
    message: string;
    /** Where the anchor came from: "system roots", "--ca FILE", "the Secret's ca.crt". */
    anchor: string | null;
    errors: VerifyError[];
  };
  hostname: { name: string; matches: boolean } | null;
  /** The Secret's tls.key against the certificate; null when there is no key. */
  /** tls.key against the leaf; `readable` false when it is not a private key Node can read (or encrypted). */
  key: { matches: boolean; readable: boolean; message: string } | null;
  warnings: PolicyWarning[];
  flagged: boolean;
}

export interface TlsReport extends Report {
  target: string;
  /** The renewal threshold in words, e.g. "a third of the lifetime left". */
  renewWhen: string;
  /** One per chain: a Kubernetes List holds several Secrets. */
  chains: TlsChainReport[];
}

/** One row of a folder or host list check (like ssl-cert-check), soonest expiry first. */
export interface TlsBatchRow {
  target: string;
  verdict: TlsVerdict | 'error';
  commonName: string | null;
  notAfter: string | null;
  daysLeft: number | null;
  lifetimeDays: number | null;
  /** The first OpenSSL error, the warning count, or the failure message. */
  detail: string;
}

export interface TlsBatchReport extends Report {
  rows: TlsBatchRow[];
}

/** When to call a certificate "renew soon": days left, or a share of its lifetime left. */
const renewSchema = z
  .object({
    days: z.number().int().min(0).max(3650).optional(),
    share: z.number().gt(0).lt(1).optional(),
  })
  .refine((renew) => renew.days === undefined || renew.share === undefined, {
    message: 'Give the renewal threshold in days or as a share, not both.',
  })
  .optional();

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
    z.object({
      /** Folders to check instead of the system's and the environment's. */
      dirs: z.array(path.min(1)).max(64).optional(),
    }),
    'libssl and libcrypto libraries, their versions and links',
  ),
  'inspect.linkage': channel<LinkageReport>()(
    z.object({
      targets: z
        .array(path.min(1, 'Enter a program, a library, a Python, or a command name.'))
        .min(1, 'Enter a program, a library, a Python, or a command name.')
        .max(200),
    }),
    'Which libssl/libcrypto (and other libraries) a program, library or Python module loads, and what is missing',
  ),
  'inspect.python': channel<PythonReport>()(
    z.object({
      python: path.optional(),
      /** pip freeze --all: keep pip, setuptools, wheel and distribute. */
      freezeAll: z.boolean().default(false),
      /** pip freeze --local: leave out what a venv sees from the system site-packages. */
      local: z.boolean().default(false),
      /** Answer "why is this installed" for this name. */
      why: z.string().trim().max(200).optional(),
    }),
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
      /** The name to check a file's or Secret's certificate against. */
      host: z.string().trim().min(1).max(253).optional(),
      /** The SNI name to send, when it differs from the address. */
      servername: z.string().trim().min(1).max(253).optional(),
      renew: renewSchema,
      timeoutMs: z.number().int().min(100).max(60_000).default(8000),
    }),
    'A certificate file, Kubernetes TLS Secret or live host: its chain, validity and trust',
  ),
  'inspect.tlsBatch': channel<TlsBatchReport>()(
    z
      .object({
        /** Every certificate file in this folder (not recursive). */
        folder: path.optional(),
        /** A file of targets, one host[:port] or file a line; # starts a comment. */
        listFile: path.optional(),
        caFile: path.optional(),
        renew: renewSchema,
        timeoutMs: z.number().int().min(100).max(60_000).default(8000),
      })
      .refine((input) => input.folder !== undefined || input.listFile !== undefined, {
        message: 'Give a folder of certificates or a file listing hosts.',
      }),
    'Every certificate in a folder and every host in a list, one row each, soonest expiry first',
  ),
};
