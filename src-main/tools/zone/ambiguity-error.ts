import { SuiteError } from '../../core/suite-error.ts';

/** The error for a wall time in a gap or an overlap when "reject" was chosen (as Temporal's RangeError). */
export function ambiguityRejected(status: 'gap' | 'overlap'): SuiteError {
  return new SuiteError(
    'BAD_INPUT',
    status === 'gap'
      ? 'That wall time does not exist in this zone (the clocks skip it), and "reject" was chosen.'
      : 'That wall time happens twice in this zone (the clocks go back), and "reject" was chosen.',
  );
}
