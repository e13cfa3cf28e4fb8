import type { Algorithm, HashedFile } from '../../contract/compare.ts';
import { formatBsdLine, formatGnuLine } from './escape-name.ts';
import { displayName } from './name-bytes.ts';

/** The tag each algorithm's BSD line carries, as coreutils' --tag (and b3sum, xxhsum) write it. */
const BSD_TAG: Record<Algorithm, string> = {
  md5: 'MD5',
  sha1: 'SHA1',
  sha256: 'SHA256',
  sha512: 'SHA512',
  'sha3-256': 'SHA3-256',
  'blake2b-512': 'BLAKE2b',
  blake3: 'BLAKE3',
  crc32: 'CRC32',
  xxh64: 'XXH64',
};

/**
 * A checksum file of the files that were hashed (one line per algorithm, in order) that
 * `sha256sum -c` and the suite's verify accept: GNU lines, or BSD tag lines. Names that are not
 * UTF-8 are shown as `\xNN` unless `nameOf` keeps them (the CLI writes them back as raw bytes).
 */
export function checksumText(
  files: HashedFile[],
  algorithms: Algorithm[],
  format: 'gnu' | 'bsd',
  nameOf: (path: string) => string = displayName,
): string {
  const lines: string[] = [];
  for (const file of files) {
    if (file.error) continue;
    const name = nameOf(file.path);
    for (const algorithm of algorithms) {
      const hex = file.digests[algorithm]!;
      lines.push(
        format === 'bsd'
          ? formatBsdLine(BSD_TAG[algorithm], hex, name)
          : formatGnuLine(hex, name, algorithm !== 'blake3'),
      );
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
