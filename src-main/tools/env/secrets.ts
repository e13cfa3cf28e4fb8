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
    upper.split('_').some((word) => SECRET_WORDS.has(word)) || /(TOKEN|SECRET|PASSWORD|APIKEY)$/.test(upper)
  );
}
