import { satisfies } from '@renovatebot/pep440';

/**
 * Versions and specifiers exactly as pip 23.2's vendored `packaging` 21.3 reads them: a version
 * PEP 440 cannot read is a LegacyVersion (ordered by setuptools' old rules), and a specifier
 * PEP 440 cannot read is a LegacySpecifier. The regular expressions are packaging's own.
 */

const VERSION_PATTERN =
  'v?(?:(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)(?<pre>[-_\\.]?(?<pre_l>(a|b|c|rc|alpha|beta|pre|preview))[-_\\.]?(?<pre_n>[0-9]+)?)?(?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_\\.]?(?<post_l>post|rev|r)[-_\\.]?(?<post_n2>[0-9]+)?))?(?<dev>[-_\\.]?(?<dev_l>dev)[-_\\.]?(?<dev_n>[0-9]+)?)?)(?:\\+(?<local>[a-z0-9]+(?:[-_\\.][a-z0-9]+)*))?';
const VERSION = new RegExp(`^\\s*${VERSION_PATTERN}\\s*$`, 'i');

/** packaging's Specifier._regex_str (PEP 440 specifiers). */
export const SPECIFIER_PATTERN =
  '(?:~=|==|!=|<=|>=|<|>|===)(?:(?:(?<====)\\s*[^\\s]*)|(?:(?<===|!=)\\s*v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*(?:[-_\\.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_\\.]?[0-9]*)?(?:(?:-[0-9]+)|(?:[-_\\.]?(?:post|rev|r)[-_\\.]?[0-9]*))?(?:(?:[-_\\.]?dev[-_\\.]?[0-9]*)?(?:\\+[a-z0-9]+(?:[-_\\.][a-z0-9]+)*)?|\\.\\*)?)|(?:(?<=~=)\\s*v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)+(?:[-_\\.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_\\.]?[0-9]*)?(?:(?:-[0-9]+)|(?:[-_\\.]?(?:post|rev|r)[-_\\.]?[0-9]*))?(?:[-_\\.]?dev[-_\\.]?[0-9]*)?)|(?:(?<!==|!=|~=)\\s*v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*(?:[-_\\.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_\\.]?[0-9]*)?(?:(?:-[0-9]+)|(?:[-_\\.]?(?:post|rev|r)[-_\\.]?[0-9]*))?(?:[-_\\.]?dev[-_\\.]?[0-9]*)?))';
/** packaging's LegacySpecifier._regex_str: anything but blanks, `,`, `;` and `)` after the operator. */
export const LEGACY_SPECIFIER_PATTERN = '(?:==|!=|<=|>=|<|>)\\s*[^,;\\s)]*';

const SPECIFIER = new RegExp(`^\\s*(${SPECIFIER_PATTERN})\\s*$`, 'i');
const LEGACY_SPECIFIER = new RegExp(`^\\s*(${LEGACY_SPECIFIER_PATTERN})\\s*$`, 'i');

export interface ParsedVersion {
  /** str(Version): the normalised spelling, or the text itself for a LegacyVersion. */
  text: string;
  valid: boolean;
  prerelease: boolean;
}

const PRE_SPELLING: Record<string, string> = { alpha: 'a', beta: 'b', c: 'rc', pre: 'rc', preview: 'rc' };
const number = (digits: string | undefined) => BigInt(digits ?? '0').toString();

/** packaging.version.parse: Version's str() when PEP 440 reads it, else a LegacyVersion. */
export function parseVersion(text: string): ParsedVersion {
  const groups = VERSION.exec(text)?.groups;
  if (!groups) return { text, valid: false, prerelease: false };
  let out = groups.epoch && BigInt(groups.epoch) !== 0n ? `${number(groups.epoch)}!` : '';
  out += groups.release!.split('.').map(number).join('.');
  if (groups.pre) {
    const label = groups.pre_l!.toLowerCase();
    out += `${PRE_SPELLING[label] ?? label}${number(groups.pre_n)}`;
  }
  if (groups.post) out += `.post${number(groups.post_n1 ?? groups.post_n2)}`;
  if (groups.dev) out += `.dev${number(groups.dev_n)}`;
  // Local segments: lower-cased, numbers without leading zeros, `-` and `_` written as `.`.
  if (groups.local)
    out += `+${groups.local
      .toLowerCase()
      .split(/[-_.]/)
      .map((part) => (/^[0-9]+$/.test(part) ? number(part) : part))
      .join('.')}`;
  return { text: out, valid: true, prerelease: Boolean(groups.pre || groups.dev) };
}

const LEGACY_PARTS = /(\d+|[a-z]+|\.|-)/;
const LEGACY_REPLACEMENTS: Record<string, string> = {
  pre: 'c',
  preview: 'c',
  '-': 'final-',
  rc: 'c',
  dev: '@',
};

/** packaging's _legacy_cmpkey: setuptools' old ordering, compared part by part as strings. */
function legacyKey(version: string): string[] {
  const parts: string[] = [];
  const pieces = version
    .toLowerCase()
    .split(LEGACY_PARTS)
    .map((piece) => LEGACY_REPLACEMENTS[piece] ?? piece)
    .filter((piece) => piece !== '' && piece !== '.')
    .map((piece) => (/^[0-9]/.test(piece) ? piece.padStart(8, '0') : `*${piece}`));
  for (const part of [...pieces, '*final']) {
    if (part.startsWith('*')) {
      if (part < '*final') while (parts.at(-1) === '*final-') parts.pop();
      while (parts.at(-1) === '00000000') parts.pop();
    }
    parts.push(part);
  }
  return parts;
}

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length - b.length;
}

const ORDER: Record<string, (sign: number) => boolean> = {
  '==': (sign) => sign === 0,
  '!=': (sign) => sign !== 0,
  '<=': (sign) => sign <= 0,
  '>=': (sign) => sign >= 0,
  '<': (sign) => sign < 0,
  '>': (sign) => sign > 0,
};

export interface Specifier {
  operator: string;
  version: string;
  legacy: boolean;
}

/** One specifier as SpecifierSet reads it: PEP 440 if it can, else legacy; null when neither. */
export function parseSpecifier(text: string): Specifier | null {
  const pep440 = SPECIFIER.exec(text) ?? LEGACY_SPECIFIER.exec(text);
  if (!pep440) return null;
  const operator = /^(===|~=|==|!=|<=|>=|<|>)/.exec(pep440[1]!)![1]!;
  return { operator, version: pep440[1]!.slice(operator.length).trim(), legacy: !SPECIFIER.test(text) };
}

/** Whether a specifier set allows pre-releases by itself (packaging's Specifier.prereleases). */
function allowsPrereleases(specifier: Specifier): boolean {
  if (specifier.legacy || !['==', '>=', '<=', '~=', '==='].includes(specifier.operator)) return false;
  const version = specifier.operator === '==' ? specifier.version.replace(/\.\*$/, '') : specifier.version;
  return parseVersion(version).prerelease;
}

/**
 * Specifier.contains / LegacySpecifier.contains for an installed version: PEP 440 operators hold
 * for no LegacyVersion (except `===`, a case-insensitive string match); legacy ones compare
 * setuptools' old keys. `prereleases` null: as the specifier itself allows.
 */
export function specifierContains(
  specifier: Specifier,
  version: ParsedVersion,
  prereleases: boolean | null,
): boolean {
  if (version.prerelease && !(prereleases ?? allowsPrereleases(specifier))) return false;
  if (specifier.legacy)
    return ORDER[specifier.operator]!(compareKeys(legacyKey(version.text), legacyKey(specifier.version)));
  if (specifier.operator === '===') return version.text.toLowerCase() === specifier.version.toLowerCase();
  if (!version.valid) return false;
  try {
    return satisfies(version.text, `${specifier.operator}${specifier.version}`, { prereleases: true });
  } catch {
    return false;
  }
}

/** SpecifierSet(text): comma-separated, blanks around each ignored; throws like InvalidSpecifier. */
export function parseSpecifierSet(text: string): Specifier[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const specifier = parseSpecifier(part);
      if (!specifier) throw new Error(`invalid specifier "${part}"`);
      return specifier;
    });
}
