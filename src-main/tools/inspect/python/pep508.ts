import {
  LEGACY_SPECIFIER_PATTERN,
  SPECIFIER_PATTERN,
  parseSpecifier,
  parseSpecifierSet,
  parseVersion,
  specifierContains,
} from './packaging-version.ts';

/**
 * Requirements and markers exactly as pip 23.2's vendored `packaging` 21.3 reads them (its
 * pyparsing grammar, written out by hand): what it refuses is refused here, what it accepts
 * (legacy specifiers, `python_implementation`) is accepted, and markers print as it prints them.
 */

/** PEP 503: names compare lower-cased with runs of - _ . as one dash. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export interface ParsedRequirement {
  name: string;
  extras: string[];
  /** The specifiers, each `operator+version` as packaging writes it, comma-joined in written order. */
  specifier: string;
  url: string | null;
  marker: string | null;
}

/** pyparsing skips these before every token. */
const BLANKS = /[ \t\n\r]*/y;
const IDENTIFIER = /[A-Za-z0-9]+(?:[-_.]*[A-Za-z0-9]+)*/y;
const URI = /[^ ]+/y;
const PEP440_ONE = new RegExp(SPECIFIER_PATTERN, 'iy');
const LEGACY_ONE = new RegExp(LEGACY_SPECIFIER_PATTERN, 'iy');

/** A cursor over one string with pyparsing's habit of skipping blanks before each token. */
class Cursor {
  at = 0;
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  skip(): void {
    BLANKS.lastIndex = this.at;
    BLANKS.exec(this.text);
    this.at = BLANKS.lastIndex;
  }
  /** The token matched by a sticky pattern after blanks, or null (the cursor then stays put). */
  match(pattern: RegExp): string | null {
    const start = this.at;
    this.skip();
    pattern.lastIndex = this.at;
    const found = pattern.exec(this.text);
    if (!found) {
      this.at = start;
      return null;
    }
    this.at += found[0].length;
    return found[0];
  }
  literal(word: string): boolean {
    const start = this.at;
    this.skip();
    if (this.text.startsWith(word, this.at)) {
      this.at += word.length;
      return true;
    }
    this.at = start;
    return false;
  }
  atEnd(): boolean {
    this.skip();
    return this.at === this.text.length;
  }
}

/** VERSION_ONE = PEP 440 ^ legacy: the longer match wins, PEP 440 on a tie. */
function versionOne(cursor: Cursor): string | null {
  cursor.skip();
  const lengths = [PEP440_ONE, LEGACY_ONE].map((pattern) => {
    pattern.lastIndex = cursor.at;
    return pattern.exec(cursor.text)?.[0].length ?? -1;
  });
  const length = Math.max(...lengths);
  if (length < 0) return null;
  const token = cursor.text.slice(cursor.at, cursor.at + length);
  cursor.at += length;
  return token;
}

function versionMany(cursor: Cursor): string[] | null {
  const first = versionOne(cursor);
  if (first === null) return null;
  const pieces = [first];
  for (;;) {
    const start = cursor.at;
    const next = cursor.literal(',') ? versionOne(cursor) : null;
    if (next === null) {
      cursor.at = start;
      return pieces;
    }
    pieces.push(next);
  }
}

function extrasList(cursor: Cursor): string[] | null {
  const start = cursor.at;
  if (!cursor.literal('[')) return [];
  const extras: string[] = [];
  const first = cursor.match(IDENTIFIER);
  if (first !== null) {
    extras.push(first);
    for (;;) {
      const before = cursor.at;
      const next = cursor.literal(',') ? cursor.match(IDENTIFIER) : null;
      if (next === null) {
        cursor.at = before;
        break;
      }
      extras.push(next);
    }
  }
  if (cursor.literal(']')) return extras;
  cursor.at = start;
  return null;
}

/** packaging's check on a URL requirement: file URLs must survive urlunparse, others need a host. */
function checkUrl(url: string): void {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'file') {
    if (!url.startsWith('file:') || /^file:\/\/\/\//.test(url)) throw new Error('Invalid URL given');
    return;
  }
  if (!scheme || !/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]/.test(url)) throw new Error(`Invalid URL: ${url}`);
}

/** A PEP 508 requirement: `name[extra1,extra2] (>=1,<2) ; marker` or `name @ url ; marker`. */
export function parseRequirement(text: string): ParsedRequirement {
  const cursor = new Cursor(text);
  const fail = (): never => {
    throw new Error(`Parse error at "${text.slice(cursor.at, cursor.at + 8)}"`);
  };
  const name = cursor.match(IDENTIFIER) ?? fail();
  const extras = extrasList(cursor) ?? fail();
  let url: string | null = null;
  let pieces: string[] = [];
  if (cursor.literal('@')) {
    url = cursor.match(URI) ?? fail();
  } else {
    const start = cursor.at;
    if (cursor.literal('(')) {
      const inner = versionMany(cursor);
      if (inner && cursor.literal(')')) pieces = inner;
      else cursor.at = start;
    }
    if (cursor.at === start) pieces = versionMany(cursor) ?? [];
  }
  let marker: string | null = null;
  if (cursor.literal(';')) {
    cursor.skip();
    const start = cursor.at;
    if (!parseMarkerExpression(cursor)) fail();
    marker = text.slice(start, cursor.at);
  }
  if (!cursor.atEnd()) fail();
  if (url !== null) checkUrl(url);
  const specifiers = parseSpecifierSet(pieces.join(','));
  return {
    name,
    extras: [...new Set(extras)],
    specifier: specifiers.map((one) => `${one.operator}${one.version}`).join(','),
    url,
    marker,
  };
}

export type MarkerEnvironment = Record<string, string>;

type MarkerValue = { variable: boolean; value: string };
type MarkerItem = { left: MarkerValue; op: string; right: MarkerValue };
/** packaging's parse result: items and nested groups with `and`/`or` between them. */
type MarkerList = (MarkerItem | MarkerList | 'and' | 'or')[];

/** The names packaging 21.3 accepts, in its order (the first that prefixes the text wins). */
const VARIABLES = [
  'implementation_version',
  'platform_python_implementation',
  'implementation_name',
  'python_full_version',
  'platform_release',
  'platform_version',
  'platform_machine',
  'platform_system',
  'python_version',
  'sys_platform',
  'os_name',
  'os.name',
  'sys.platform',
  'platform.version',
  'platform.machine',
  'platform.python_implementation',
  'python_implementation',
  'extra',
];
const ALIASES: Record<string, string> = {
  'os.name': 'os_name',
  'sys.platform': 'sys_platform',
  'platform.version': 'platform_version',
  'platform.machine': 'platform_machine',
  'platform.python_implementation': 'platform_python_implementation',
  python_implementation: 'platform_python_implementation',
};
const OPERATORS = ['===', '==', '>=', '<=', '!=', '~=', '>', '<', 'not in', 'in'];
const QUOTED = /'[^'\n\r]*'|"[^"\n\r]*"/y;

function markerValue(cursor: Cursor): MarkerValue | null {
  const variable = VARIABLES.find((name) => cursor.literal(name));
  if (variable) return { variable: true, value: ALIASES[variable] ?? variable };
  const quoted = cursor.match(QUOTED);
  return quoted === null ? null : { variable: false, value: quoted.slice(1, -1) };
}

function markerAtom(cursor: Cursor): MarkerItem | MarkerList | null {
  const start = cursor.at;
  const left = markerValue(cursor);
  const op = left ? OPERATORS.find((word) => cursor.literal(word)) : undefined;
  const right = op ? markerValue(cursor) : null;
  if (left && op && right) return { left, op, right };
  cursor.at = start;
  if (!cursor.literal('(')) return null;
  const inner = parseMarkerExpression(cursor);
  if (inner && cursor.literal(')')) return inner;
  cursor.at = start;
  return null;
}

/** MARKER_EXPR = atom (("and" | "or") MARKER_EXPR)*, flattened as pyparsing flattens it. */
function parseMarkerExpression(cursor: Cursor): MarkerList | null {
  const first = markerAtom(cursor);
  if (!first) return null;
  const list: MarkerList = [first];
  for (;;) {
    const start = cursor.at;
    const op = cursor.literal('and') ? 'and' : cursor.literal('or') ? 'or' : null;
    const rest = op ? parseMarkerExpression(cursor) : null;
    if (!op || !rest) {
      cursor.at = start;
      return list;
    }
    list.push(op, ...rest);
  }
}

/** Markers repeat across distributions (`python_version < "3.11"`): each is read once. */
const markerCache = new Map<string, MarkerList>();

function parseMarker(marker: string): MarkerList {
  const cached = markerCache.get(marker);
  if (cached) return cached;
  const cursor = new Cursor(marker);
  const list = parseMarkerExpression(cursor);
  if (!list || !cursor.atEnd()) throw new Error(`Invalid marker: "${marker}"`);
  if (markerCache.size > 10_000) markerCache.clear();
  markerCache.set(marker, list);
  return list;
}

const isItem = (node: MarkerList[number]): node is MarkerItem =>
  typeof node === 'object' && !Array.isArray(node);

/** packaging's _format_marker: outer parentheses dropped, nested groups in parentheses. */
function formatList(list: MarkerList, first = true): string {
  if (list.length === 1 && Array.isArray(list[0])) return formatList(list[0]);
  const inner = list
    .map((node) => {
      if (typeof node === 'string') return node;
      if (Array.isArray(node)) return formatList(node, false);
      const value = (side: MarkerValue) => (side.variable ? side.value : `"${side.value}"`);
      return `${value(node.left)} ${node.op} ${value(node.right)}`;
    })
    .join(' ');
  return first ? inner : `(${inner})`;
}

/** A marker written as packaging writes it: single spaces, double quotes, aliases replaced. */
export function formatMarker(marker: string): string {
  return formatList(parseMarker(marker));
}

/** A requirement as pip prints it (packaging's str): extras and specifiers sorted, marker after `; `. */
export function formatRequirement(requirement: ParsedRequirement): string {
  const extras = requirement.extras.length > 0 ? `[${[...requirement.extras].sort().join(',')}]` : '';
  const specifier = requirement.specifier.split(',').filter(Boolean).sort().join(',');
  const url = requirement.url ? `@ ${requirement.url}${requirement.marker ? ' ' : ''}` : '';
  const marker = requirement.marker ? `; ${formatMarker(requirement.marker)}` : '';
  return `${requirement.name}${extras}${specifier}${url}${marker}`;
}

const TEXT_OPERATORS: Record<string, (lhs: string, rhs: string) => boolean> = {
  in: (lhs, rhs) => rhs.includes(lhs),
  'not in': (lhs, rhs) => !rhs.includes(lhs),
  '<': (lhs, rhs) => lhs < rhs,
  '<=': (lhs, rhs) => lhs <= rhs,
  '==': (lhs, rhs) => lhs === rhs,
  '!=': (lhs, rhs) => lhs !== rhs,
  '>=': (lhs, rhs) => lhs >= rhs,
  '>': (lhs, rhs) => lhs > rhs,
};

/** packaging 21.3's _eval_op: a PEP 440 comparison whenever `op rhs` is a PEP 440 specifier, else text. */
function evalOp(lhs: string, op: string, rhs: string): boolean {
  const specifier = parseSpecifier(`${op}${rhs}`);
  if (specifier && !specifier.legacy) return specifierContains(specifier, parseVersion(lhs), null);
  const operator = TEXT_OPERATORS[op];
  if (!operator) throw new Error(`Undefined Op('${op}') on '${lhs}' and '${rhs}'`);
  return operator(lhs, rhs);
}

/** Evaluates a PEP 508 marker such as `python_version >= "3.8" and extra == "socks"`. */
export function evaluateMarker(marker: string, environment: MarkerEnvironment): boolean {
  // pip check asks with no extra and compares as written; asking for an extra compares normalised.
  const normalise = Boolean(environment.extra);
  const lookup = (name: string) => {
    if (!(name in environment)) throw new Error(`${name} does not exist in evaluation environment`);
    return environment[name]!;
  };
  const evaluate = (list: MarkerList): boolean => {
    const groups: boolean[][] = [[]];
    for (const node of list) {
      if (node === 'or') groups.push([]);
      else if (node === 'and') continue;
      else if (Array.isArray(node)) groups.at(-1)!.push(evaluate(node));
      else if (isItem(node)) {
        // packaging looks up the left side if it is a variable, else the right side (even a string).
        let lhs = node.left.variable ? lookup(node.left.value) : node.left.value;
        let rhs = node.left.variable ? node.right.value : lookup(node.right.value);
        const extra = node.left.variable ? node.left.value === 'extra' : node.right.value === 'extra';
        if (extra && normalise) [lhs, rhs] = [normalizeName(lhs), normalizeName(rhs)];
        groups.at(-1)!.push(evalOp(lhs, node.op, rhs));
      }
    }
    return groups.some((group) => group.every(Boolean));
  };
  return evaluate(parseMarker(marker));
}
