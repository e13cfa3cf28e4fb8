import type { FullResult, Reporter, TestCase } from '@playwright/test/reporter';

/** Prints why each skipped test was skipped: the list reporter shows only a dash. */
export default class SkipReasonsReporter implements Reporter {
  readonly #reasons = new Map<string, string[]>();

  onTestEnd(test: TestCase): void {
    if (test.outcome() !== 'skipped') return;
    const skip = test.annotations.find((annotation) => annotation.type === 'skip');
    // Without a skip annotation the test never started: an earlier test of its serial group failed.
    const reason = skip
      ? (skip.description ?? 'no reason given')
      : 'did not run because an earlier test in its serial group failed';
    this.#reasons.set(reason, [...(this.#reasons.get(reason) ?? []), test.title]);
  }

  onEnd(_result: FullResult): void {
    for (const [reason, titles] of this.#reasons) {
      console.log(`\nskipped (${titles.length}): ${reason}`);
      for (const title of titles) console.log(`  - ${title}`);
    }
  }
}
