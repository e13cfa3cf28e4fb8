/** One simple command of a startup file: its words as written (quotes kept) and where it starts. */
export interface SimpleCommand {
  words: string[];
  /** 1-based line of the command's first word. */
  line: number;
  /** The command's source text, as written. */
  text: string;
}

/** Words that open, continue or close a compound command, and are not the command itself. */
const POSIX_KEYWORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'while',
  'until',
  '!',
  '{',
  '}',
  'time',
  'esac',
]);
const FISH_KEYWORDS = new Set([
  'if',
  'else',
  'and',
  'or',
  'not',
  'begin',
  'end',
  'while',
  'command',
  'builtin',
]);

/**
 * Splits shell source into simple commands the way a POSIX shell or fish tokenizes it: quotes ('…',
 * "…", $'…'), backslash escapes, comments, command substitutions and zsh arrays kept inside their
 * word; newlines, `;`, `&&`, `||`, `|`, `&` and parentheses end a command. Compound-command keywords
 * (if, then, do, and, or …) are dropped from the front, so `if x; then export A=1; fi` gives the
 * command `export A=1`. Not a full parser: enough to find assignments and sourcing lines.
 */
export function simpleCommands(source: string, fish: boolean): SimpleCommand[] {
  const keywords = fish ? FISH_KEYWORDS : POSIX_KEYWORDS;
  const commands: SimpleCommand[] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let line = 1;
  let commandLine = 1;
  let commandStart = 0;

  const endWord = () => {
    if (!inWord) return;
    if (words.length === 0 && keywords.has(word)) {
      // A keyword before the command: the command starts after it.
    } else {
      words.push(word);
    }
    word = '';
    inWord = false;
  };
  const endCommand = (at: number) => {
    endWord();
    if (words.length > 0)
      commands.push({ words, line: commandLine, text: source.slice(commandStart, at).trim() });
    words = [];
  };
  const startWord = (at: number) => {
    if (inWord) return;
    if (words.length === 0) {
      commandLine = line;
      commandStart = at;
    }
    inWord = true;
  };

  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (char === '\n') {
      endCommand(i);
      line++;
      i++;
      continue;
    }
    if (char === ' ' || char === '\t' || char === '\r') {
      endWord();
      i++;
      continue;
    }
    if (char === '#' && !inWord) {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (char === ';' || char === '|' || char === '&' || char === ')' || (char === '(' && !inWord)) {
      endCommand(i);
      i += source[i + 1] === char ? 2 : 1;
      continue;
    }
    startWord(i);
    if (char === '\\') {
      if (source[i + 1] === '\n') line++;
      word += source.slice(i, i + 2);
      i += 2;
      continue;
    }
    const quote = char === "'" || char === '"' ? char : char === '$' && source[i + 1] === "'" ? "$'" : null;
    if (quote) {
      let j = i + quote.length;
      // Inside '…' nothing escapes in POSIX shells; fish and $'…' take \' and \\.
      const escapes = quote !== "'" || fish;
      while (j < source.length && source[j] !== quote.at(-1)) {
        if (source[j] === '\\' && escapes) j++;
        if (source[j] === '\n') line++;
        j++;
      }
      word += source.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if ((char === '$' || char === '=') && source[i + 1] === '(') {
      // $(…) and zsh's NAME=(…): to the matching parenthesis, inside the word.
      let depth = 0;
      let j = i + 1;
      for (; j < source.length; j++) {
        if (source[j] === '(') depth++;
        else if (source[j] === ')' && --depth === 0) break;
        else if (source[j] === '\n') line++;
      }
      word += source.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (char === '`') {
      const j = source.indexOf('`', i + 1);
      const end = j < 0 ? source.length : j;
      line += (source.slice(i, end).match(/\n/g) ?? []).length;
      word += source.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    word += char;
    i++;
  }
  endCommand(source.length);
  return commands;
}

/**
 * A word with its quotes removed and $HOME-like variables expanded from `vars`; null when it still
 * depends on something not known here (another variable, a command substitution, a glob).
 */
export function literalWord(word: string, vars: Map<string, string>): string | null {
  let out = '';
  let i = 0;
  if (word === '~' || word.startsWith('~/')) {
    const home = vars.get('HOME');
    if (home === undefined) return null;
    out = home;
    i = 1;
  }
  while (i < word.length) {
    const char = word[i]!;
    if (char === "'") {
      const end = word.indexOf("'", i + 1);
      if (end < 0) return null;
      out += word.slice(i + 1, end);
      i = end + 1;
    } else if (char === '"') {
      i++;
      while (i < word.length && word[i] !== '"') {
        if (word[i] === '$') {
          const expanded = expandAt(word, i, vars);
          if (!expanded) return null;
          out += expanded.value;
          i = expanded.next;
        } else {
          if (word[i] === '\\' && '$`"\\'.includes(word[i + 1] ?? '')) i++;
          out += word[i];
          i++;
        }
      }
      i++;
    } else if (char === '$') {
      const expanded = expandAt(word, i, vars);
      if (!expanded) return null;
      out += expanded.value;
      i = expanded.next;
    } else if (char === '\\') {
      out += word[i + 1] ?? '';
      i += 2;
    } else if ('`*?['.includes(char)) {
      return null;
    } else {
      out += char;
      i++;
    }
  }
  return out;
}

/** $NAME, ${NAME} and ${NAME:-default} at `at`, from the known variables. */
function expandAt(
  word: string,
  at: number,
  vars: Map<string, string>,
): { value: string; next: number } | null {
  const braced = /^\$\{([A-Za-z_]\w*)(?::?-([^}]*))?\}/.exec(word.slice(at));
  if (braced) {
    const value = vars.get(braced[1]!);
    if (value !== undefined && value !== '') return { value, next: at + braced[0].length };
    if (braced[2] === undefined) return null;
    const fallback = literalWord(braced[2], vars);
    return fallback === null ? null : { value: fallback, next: at + braced[0].length };
  }
  const plain = /^\$([A-Za-z_]\w*)/.exec(word.slice(at));
  const value = plain ? vars.get(plain[1]!) : undefined;
  return plain && value !== undefined ? { value, next: at + plain[0].length } : null;
}
