import type { z } from 'zod';
import { SuiteError } from './suite-error.ts';

/**
 * One readable sentence from schema issues. Messages written for people in the contract are full
 * sentences and stand alone ("Choose File 1."); the schema library's own are prefixed with the field.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.slice(0, 3).map((issue) => {
    if (issue.message.endsWith('.')) return issue.message;
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return `Invalid input. ${where}${issue.message}.`;
  });
  const more = issues.length > 3 ? ` (${issues.length - 3} more problems)` : '';
  return `${parts.join(' ')}${more}`;
}

/** Validates a value against a contract schema, as the dispatcher does, throwing a BAD_INPUT SuiteError. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new SuiteError('BAD_INPUT', describeIssues(parsed.error.issues));
  return parsed.data;
}
