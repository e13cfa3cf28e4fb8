import { satisfies } from '@renovatebot/pep440';

/** PEP 503: names compare lower-cased with runs of - _ . as one dash. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export interface ParsedRequirement {
  name: string;
  extras: string[];
  specifier: string;
  url: string | null;
  marker: string | null;
}

/** A PEP 508 requirement: `name[extra1,extra2] (>=1,<2) ; marker` or `name @ url ; marker`. */
export function parseRequirement(text: string): ParsedRequirement {
  const [spec, ...markerParts] = splitMarker(text);
  const match = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?\s*(.*)$/.exec(spec!);
  if (!match) throw new Error(`not a requirement: ${text}`);
  const [, name, extras = '', rest = ''] = match;
  const trimmed = rest.trim();
  const url = trimmed.startsWith('@') ? trimmed.slice(1).trim() : null;
  const specifier = url ? '' : trimmed.replace(/^\((.*)\)$/, '$1').replace(/\s+/g, '');
  if (url === '') throw new Error(`no URL after @ in ${text}`);
  if (
    specifier !== '' &&
    !specifier.split(',').every((part) => /^(~=|===|==|!=|<=|>=|<|>)[A-Za-z0-9_.*+!-]+$/.test(part))
  )
    throw new Error(`not a version specifier: ${rest.trim()}`);
  const marker = markerParts.join(';').trim();
  return {
    name: name!,
    extras: extras
      .split(',')
      .map((extra) => extra.trim())
      .filter(Boolean),
    specifier,
    url,
    marker: marker === '' ? null : marker,
  };
}

/** Splits off the marker at the first `;` outside quotes (a URL may contain none before it). */
function splitMarker(text: string): string[] {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === ';') return [text.slice(0, i), text.slice(i + 1)];
  }
  return [text];
}

export type MarkerEnvironment = Record<string, string>;

type Token = { kind: 'var' | 'str' | 'op' | 'and' | 'or' | '(' | ')'; value: string };

const VERSION_VARIABLES = new Set([
  'python_version',
  'python_full_version',
  'implementation_version',
  'platform_release',
]);

/** Markers repeat across distributions (`python_version < "3.11"`): each is read once. */
const tokenCache = new Map<string, Token[]>();

function tokenize(marker: string): Token[] {
  const cached = tokenCache.get(marker);
  if (cached) return cached;
  const tokens = readTokens(marker);
  if (tokenCache.size > 10_000) tokenCache.clear();
  tokenCache.set(marker, tokens);
  return tokens;
}

function readTokens(marker: string): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s*(?:(\()|(\))|('[^']*'|"[^"]*")|(===|==|!=|<=|>=|~=|<|>|not\s+in\b|in\b)|(and\b)|(or\b)|([A-Za-z_.]+))/y;
  let at = 0;
  while (at < marker.length) {
    if (/^\s*$/.test(marker.slice(at))) break;
    pattern.lastIndex = at;
    const match = pattern.exec(marker);
    if (!match) throw new Error(`cannot read marker "${marker}" at "${marker.slice(at)}"`);
    at = pattern.lastIndex;
    if (match[1]) tokens.push({ kind: '(', value: '(' });
    else if (match[2]) tokens.push({ kind: ')', value: ')' });
    else if (match[3]) tokens.push({ kind: 'str', value: match[3].slice(1, -1) });
    else if (match[4]) tokens.push({ kind: 'op', value: match[4].replace(/\s+/g, ' ') });
    else if (match[5]) tokens.push({ kind: 'and', value: 'and' });
    else if (match[6]) tokens.push({ kind: 'or', value: 'or' });
    else
      tokens.push({
        kind: 'var',
        value: match[7]!
          .replace(/^os\.name$/, 'os_name')
          .replace(/^sys\.platform$/, 'sys_platform')
          .replace(/^platform\.(\w+)$/, 'platform_$1'),
      });
  }
  return tokens;
}

function compare(left: string, op: string, right: string, versionLike: boolean): boolean {
  if (op === 'in') return right.includes(left);
  if (op === 'not in') return !right.includes(left);
  if (op === '===') return left === right;
  if (versionLike) {
    try {
      return satisfies(left, `${op}${right}`);
    } catch {
      // Not a version: compare as text, as packaging does.
    }
  }
  // packaging compares what is not a version as text, with Python's operators.
  if (op === '==') return left === right;
  if (op === '!=') return left !== right;
  if (op === '<') return left < right;
  if (op === '<=') return left <= right;
  if (op === '>') return left > right;
  if (op === '>=') return left >= right;
  throw new Error(`cannot compare "${left}" ${op} "${right}"`);
}

/** A marker written as packaging writes it: single spaces, double quotes, aliases replaced. */
export function formatMarker(marker: string): string {
  let text = '';
  for (const token of tokenize(marker)) {
    const word = token.kind === 'str' ? `"${token.value}"` : token.value;
    if (text === '' || text.endsWith('(') || token.kind === ')') text += word;
    else text += ` ${word}`;
  }
  return text;
}

/** A requirement as pip prints it (packaging's str): extras and specifiers sorted, marker after `; `. */
export function formatRequirement(requirement: ParsedRequirement): string {
  const extras = requirement.extras.length > 0 ? `[${[...requirement.extras].sort().join(',')}]` : '';
  const specifier = requirement.specifier.split(',').filter(Boolean).sort().join(',');
  const url = requirement.url ? `@ ${requirement.url}${requirement.marker ? ' ' : ''}` : '';
  const marker = requirement.marker ? `; ${formatMarker(requirement.marker)}` : '';
  return `${requirement.name}${extras}${specifier}${url}${marker}`;
}

/** Evaluates a PEP 508 marker such as `python_version >= "3.8" and extra == "socks"`. */
export function evaluateMarker(marker: string, environment: MarkerEnvironment): boolean {
  const tokens = tokenize(marker);
  let position = 0;
  const peek = () => tokens[position];
  const take = () => {
    const token = tokens[position++];
    if (!token) throw new Error(`marker "${marker}" ends early`);
    return token;
  };
  const value = (token: Token): { text: string; variable: string | null } => {
    if (token.kind === 'str') return { text: token.value, variable: null };
    if (token.kind !== 'var') throw new Error(`unexpected "${token.value}" in marker "${marker}"`);
    if (!(token.value in environment)) throw new Error(`unknown marker variable ${token.value}`);
    return { text: environment[token.value]!, variable: token.value };
  };
  const expression = (): boolean => {
    if (peek()?.kind === '(') {
      take();
      const result = disjunction();
      if (take().kind !== ')') throw new Error(`unbalanced parentheses in marker "${marker}"`);
      return result;
    }
    const left = value(take());
    const op = take();
    if (op.kind !== 'op') throw new Error(`expected a comparison in marker "${marker}"`);
    const right = value(take());
    const variable = left.variable ?? right.variable;
    if (variable === 'extra')
      return compare(normalizeName(left.text), op.value, normalizeName(right.text), false);
    return compare(left.text, op.value, right.text, variable !== null && VERSION_VARIABLES.has(variable));
  };
  const conjunction = (): boolean => {
    let result = expression();
    while (peek()?.kind === 'and') {
      take();
      result = expression() && result;
    }
    return result;
  };
  const disjunction = (): boolean => {
    let result = conjunction();
    while (peek()?.kind === 'or') {
      take();
      result = conjunction() || result;
    }
    return result;
  };
  const result = disjunction();
  if (position !== tokens.length)
    throw new Error(`unexpected "${tokens[position]!.value}" in marker "${marker}"`);
  return result;
}
