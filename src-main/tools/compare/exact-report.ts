import type { ExactReport } from '../../contract/compare.ts';
import { formatBytes } from '../../contract/format.ts';
import type { ExactOutcome } from './worker-protocol.ts';

const hex2 = (byte: number): string => byte.toString(16).padStart(2, '0');
const label = (side: 'A' | 'B'): 'File 1' | 'File 2' => (side === 'A' ? 'File 1' : 'File 2');

/** A byte-for-byte outcome in cmp's words, bytes numbered from 1 (the 0-based offset kept for --json). */
export function exactReport(outcome: ExactOutcome): ExactReport {
  if (outcome.verdict === 'identical') {
    return { ...outcome, message: `Identical byte for byte (${formatBytes(outcome.size)}).` };
  }
  if (outcome.verdict === 'different') {
    const byte = outcome.offset + 1;
    return {
      ...outcome,
      byte,
      message: `File 1 and File 2 differ: byte ${byte}, line ${outcome.line} (0x${hex2(outcome.byteA)} vs 0x${hex2(outcome.byteB)}).`,
    };
  }
  const shorter = label(outcome.shorter);
  const longer = label(outcome.shorter === 'A' ? 'B' : 'A');
  const where =
    outcome.size === 0
      ? `EOF on ${shorter}, which is empty`
      : `EOF on ${shorter} after byte ${outcome.size}, ${outcome.inLine ? 'in ' : ''}line ${outcome.line}`;
  return {
    verdict: 'eof',
    shorter,
    byte: outcome.size,
    line: outcome.line,
    message: `${where}: ${shorter} is a prefix of ${longer}.`,
  };
}
