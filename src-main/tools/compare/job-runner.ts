import { SuiteError, toErrorInfo } from '../../core/suite-error.ts';
import { SideError, compareSideBySide } from './exact-compare.ts';
import { hashFile } from './hash-file.ts';
import { claimBatch, quickCompare } from './quick-compare.ts';
import type { HashControl } from './hash-file.ts';
import type { OpenedInput } from './open-input.ts';
import type { FinalMessage, Job, PairOutcome } from './worker-protocol.ts';

/**
 * Runs one job to its final message, in a pooled worker or (small regular files,
 * already opened) in the calling thread: one code path, so both give the same verdicts and errors.
 */
export async function runJob(job: Job, control: HashControl, opened?: OpenedInput[]): Promise<FinalMessage> {
  try {
    if (job.kind === 'quick-compare') {
      if (!claimBatch(job.claim)) return { type: 'quick-compared', outcomes: null };
      const outcomes: PairOutcome[] = [];
      for (const { pathA, pathB } of job.pairs) {
        if (control.cancelled()) return { type: 'cancelled' };
        outcomes.push(quickCompare(pathA, pathB));
      }
      return { type: 'quick-compared', outcomes };
    }
    if (job.kind === 'hash') {
      const { size, digests } = await hashFile(job.path, job.algorithms, control, opened?.[0]);
      return { type: 'hashed', size, digests };
    }
    const inputs = opened ? ([opened[0], opened[1]] as [OpenedInput, OpenedInput]) : undefined;
    return {
      type: 'compared',
      ...(await compareSideBySide(
        job.pathA,
        job.pathB,
        job.algorithms,
        control,
        inputs,
        job.regularFilesOnly,
      )),
    };
  } catch (error) {
    if (error instanceof SuiteError && error.code === 'CANCELLED') return { type: 'cancelled' };
    if (error instanceof SideError) return { type: 'error', error: error.info, side: error.side };
    return { type: 'error', error: toErrorInfo(error) };
  }
}
