const SECRET_WORDS = new Set([
  'TOKEN',
  'SECRET',
  'PASSWORD',
  'PASSWD',
  'PASS',
  'KEY',
  'APIKEY',
  'CREDENTIAL',
  'CREDENTIALS',
  'AUTH',
  'PRIVATE',
  'COOKIE',
  'SESSION',
  'SIGNATURE',
  'DSN',
  'PAT',
]);

/** Names like GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY, DB_PASSWORD, NPM_AUTH: values shown masked. */
export function looksSecret(name: string): boolean {
  const upper = name.toUpperCase();
  return (
    upper.split('_').some((word) => SECRET_WORDS.has(word)) ||
    // SSHPASS, MYSQL_PWD, DBPASSWD, AWSSECRETKEY, SSHPRIVATEKEY; PWD and OLDPWD are folders.
    (/(TOKEN|SECRET|PASSWORD|APIKEY|PASS|PASSWD|PWD|SECRETKEY|PRIVATEKEY|PAT)$/.test(upper) &&
      upper !== 'PWD' &&
      upper !== 'OLDPWD')
  );
}

export const MASK = '••••••••';

/**
 * scheme://user:password@host: the password part, in any value or line. It runs to the last @ before
 * the host on its line (it may hold @, /, quotes, even a space: `postgres://me:pa ss@host`), the host
 * being what follows up to a /, quote, space or end. Masking too much is the safe side.
 */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]*:)(.+)(@)(?=[^\s@/'"]*(?:[/'"\s?#]|$))/gim;
/** A secret in a URL's query: `?password=…`, `&token=…`. */
const QUERY_SECRET =
  /([?&](?:password|passwd|pwd|pass|token|access_token|secret|api_?key|key)=)([^&#\s'"]+)/gi;

/** The value as shown until revealed: all of it for a secret name, else only passwords inside URLs. */
export function maskedValue(name: string, value: string): string | null {
  if (looksSecret(name)) return value === '' ? '' : MASK;
  const masked = value.replace(URL_PASSWORD, `$1${MASK}$3`).replace(QUERY_SECRET, `$1${MASK}`);
  return masked === value ? null : masked;
}

/** NAME=value, the value being every quoted or unquoted part up to a space or ; & | (`"${A:+$A:}"'s3cr3t'`). */
const POSIX_ASSIGNMENT = /\b([A-Za-z_]\w*)(\+?=)((?:'[^']*'|"(?:[^"\\]|\\[\s\S])*"|\\[\s\S]|[^\s;&|'"\\])*)/g;
/** fish's set NAME …: to the end of the line, and on across line breaks inside quotes. */
const FISH_SET =
  /\bset\s+((?:-{1,2}[\w-]+\s+)*)([A-Za-z_]\w*)(\s+)(?:'(?:[^'\\]|\\[\s\S])*'|"(?:[^"\\]|\\[\s\S])*"|[^\n'"])*/g;
const UNIVERSAL = /\b(SETUVAR\s+(?:--export\s+)?)([A-Za-z_]\w*):(.*)$/;
/** The managed block's data line: {"name":"…","action":"…","value":"…"}. */
const BLOCK_DATA = /("name":"([A-Za-z_]\w*)","action":"\w+","value":)"(?:[^"\\]|\\.)*"/g;
/** A registry value as `reg query` lists it (the Windows preview). */
const REGISTRY_LINE = /^(\s*)([^\s]+)(\s{4}REG_\w+\s{4})(.*)$/;

/**
 * A startup file's lines or a diff with secrets masked: the value of an assignment to a secret-looking
 * name (NAME=…, export NAME=…, fish's set NAME …, SETUVAR NAME:…, the block's data line, a registry
 * value), and passwords inside URLs anywhere.
 */
export function maskText(text: string): string {
  return (
    text
      .replace(URL_PASSWORD, `$1${MASK}$3`)
      .replace(QUERY_SECRET, `$1${MASK}`)
      .replace(BLOCK_DATA, (all: string, head: string, name: string) =>
        looksSecret(name) ? `${head}"${MASK}"` : all,
      )
      // On the whole text: a quoted value may run over several lines.
      .replace(POSIX_ASSIGNMENT, (all: string, name: string, equals: string) =>
        looksSecret(name) ? `${name}${equals}${MASK}` : all,
      )
      .replace(FISH_SET, (all: string, flags: string, name: string, space: string) =>
        looksSecret(name) ? `set ${flags}${name}${space}${MASK}` : all,
      )
      .split('\n')
      .map((line) =>
        line
          .replace(UNIVERSAL, (all: string, prefix: string, name: string) =>
            looksSecret(name) ? `${prefix}${name}:${MASK}` : all,
          )
          .replace(REGISTRY_LINE, (all: string, indent: string, name: string, kind: string) =>
            looksSecret(name) ? `${indent}${name}${kind}${MASK}` : all,
          ),
      )
      .join('\n')
  );
}
