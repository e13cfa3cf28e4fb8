import { expect } from 'vitest';
import type { Locator } from 'vitest/browser';

type Tone = 'good' | 'bad' | 'unknown';

/** The app's colour for each tone (app.css): success green, failure red, unknown amber. */
const TONE_COLOURS: Record<Tone, string> = { good: 'var(--ok)', bad: 'var(--bad)', unknown: 'var(--warn)' };

/** What a CSS colour expression (var(--ok) …) computes to on this page, as getComputedStyle gives it. */
export function resolvedColour(expression: string): string {
  const probe = document.createElement('span');
  probe.style.color = expression;
  document.body.append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}

/**
 * The element shows `word` as a verdict of `tone`: both attributes a test or a style can read, and the
 * tone's own colour on screen (a failure in green, or a success in red, fails this).
 */
export async function expectVerdict(locator: Locator, word: string, tone: Tone): Promise<void> {
  await expect.element(locator).toHaveAttribute('data-verdict', word);
  await expect.element(locator).toHaveAttribute('data-tone', tone);
  const colours = Object.fromEntries(
    Object.entries(TONE_COLOURS).map(([name, expression]) => [name, resolvedColour(expression)]),
  ) as Record<Tone, string>;
  // The three tones must be told apart by colour alone, or the check below proves nothing.
  expect(new Set(Object.values(colours)).size).toBe(3);
  expect(getComputedStyle(locator.element()).color).toBe(colours[tone]);
}
