import { tick } from 'svelte';
import { describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import CompareTool from '../../src-renderer/tools/compare/CompareTool.svelte';
import { bridge } from './support/bridge.ts';
import {
  comparison,
  exactReport,
  expectedReport,
  savedSettings,
  verification,
} from './support/compare-fixtures.ts';
import { expectVerdict } from './support/verdicts.ts';

const compareForm = () => page.getByRole('form', { name: 'Compare files' });
const comparePane = () => page.getByRole('region', { name: 'Comparison result' });

async function chooseFiles(fileA: string, fileB: string): Promise<void> {
  await userEvent.fill(page.getByRole('combobox', { name: 'File 1' }), fileA);
  await userEvent.fill(page.getByRole('combobox', { name: 'File 2' }), fileB);
}

describe('File Compare', () => {
  test('typing paths and a digest starts nothing; Compare makes one call with what was typed', async () => {
    bridge.answer('settings.get', savedSettings);
    bridge.answer('settings.update', savedSettings);
    bridge.answer('compare.files', (input) => comparison(input.fileA, input.fileB ?? '', true));
    await render(CompareTool);
    await chooseFiles('/data/a.iso', '/data/b.iso');
    await userEvent.fill(page.getByRole('textbox', { name: 'Expected digest' }), 'sha256:');
    expect(bridge.callsTo('compare.files')).toHaveLength(0);

    await userEvent.click(compareForm().getByRole('button', { name: 'Compare' }));
    await expect.element(comparePane().getByRole('status')).toMatchTextContent('The files match.');
    expect(bridge.callsTo('compare.files').map((call) => [call.input.fileA, call.input.fileB])).toEqual([
      ['/data/a.iso', '/data/b.iso'],
    ]);
  });

  test('focus stays on Compare through the run, and Enter while it runs starts nothing more', async () => {
    bridge.answer('settings.get', savedSettings);
    bridge.answer('settings.update', savedSettings);
    bridge.hold('compare.files');
    await render(CompareTool);
    await chooseFiles('/data/a.iso', '/data/b.iso');
    const compare = compareForm().getByRole('button', { name: 'Compare' });
    await userEvent.click(compare);
    await expect.element(compare).toHaveAttribute('aria-disabled', 'true');
    await userEvent.keyboard('{Enter}');
    expect(bridge.callsTo('compare.files')).toHaveLength(1);
    await bridge.held('compare.files')[0]!.succeed(comparison('/data/a.iso', '/data/b.iso', true));
    await expect.element(comparePane().getByRole('status')).toMatchTextContent('The files match.');
    expect(document.activeElement).toBe(compare.element());
  });

  test('match is shown green and differ red, each with its own data-verdict', async () => {
    bridge.answer('settings.get', savedSettings);
    bridge.answer('settings.update', savedSettings);
    bridge.answer('compare.files', (input) =>
      comparison(input.fileA, input.fileB ?? '', input.fileB === '/same'),
    );
    await render(CompareTool);
    const sha256 = () =>
      comparePane()
        .getByRole('row', { name: /SHA-256/ })
        .getByRole('cell')
        .last();

    await chooseFiles('/data/a', '/same');
    await userEvent.click(compareForm().getByRole('button', { name: 'Compare' }));
    await expectVerdict(comparePane().getByRole('status'), 'match', 'good');
    await expectVerdict(sha256(), 'match', 'good');

    await chooseFiles('/data/a', '/other');
    await userEvent.click(compareForm().getByRole('button', { name: 'Compare' }));
    await expect.element(comparePane().getByRole('status')).toMatchTextContent('The files differ.');
    await expectVerdict(comparePane().getByRole('status'), 'differ', 'bad');
    await expectVerdict(sha256(), 'differ', 'bad');
  });

  test('exact compare and the expected digest: identical and match green, different and differ red', async () => {
    bridge.answer('settings.get', savedSettings);
    bridge.answer('settings.update', savedSettings);
    bridge.answer('compare.files', (input) => {
      const same = input.fileB === '/same';
      return {
        ...comparison(input.fileA, input.fileB ?? '', same),
        exact: exactReport(same),
        expected: expectedReport(same),
      };
    });
    await render(CompareTool);
    await userEvent.click(page.getByRole('checkbox', { name: 'Exact compare (byte for byte)' }));

    await chooseFiles('/data/a', '/same');
    await userEvent.click(compareForm().getByRole('button', { name: 'Compare' }));
    await expectVerdict(comparePane().getByText('identical', { exact: true }), 'identical', 'good');
    await expectVerdict(comparePane().getByText('File 1 has the expected SHA-256.'), 'match', 'good');

    await chooseFiles('/data/a', '/other');
    await userEvent.click(compareForm().getByRole('button', { name: 'Compare' }));
    await expectVerdict(comparePane().getByText(/^first difference/), 'different', 'bad');
    await expectVerdict(
      comparePane().getByText('File 1 does NOT have the expected digest.'),
      'differ',
      'bad',
    );
  });

  test('a cancelled comparison whose answer comes late is not shown', async () => {
    bridge.answer('settings.get', savedSettings);
    bridge.answer('settings.update', savedSettings);
    bridge.hold('compare.files');
    await render(CompareTool);
    await chooseFiles('/data/a', '/data/b');
    await userEvent.click(compareForm().getByRole('button', { name: 'Compare' }));
    await expect.poll(() => bridge.held('compare.files')).toHaveLength(1);
    await userEvent.click(compareForm().getByRole('button', { name: 'Cancel' }));
    expect(bridge.callsTo('compare.files')[0]?.cancelled).toBe(true);

    await expect.element(comparePane().getByRole('alert')).toMatchTextContent('Cancelled.');

    // The main process finished just as the user cancelled, and its result arrives: it must not show.
    const late = bridge.held('compare.files')[0]!;
    await late.succeed(comparison(late.input.fileA, late.input.fileB ?? '', true));
    await tick();
    await expect.element(comparePane().getByRole('alert')).toMatchTextContent('Cancelled.');
    await expect.element(comparePane().getByText('The files match.')).not.toBeInTheDocument();
  });

  test('verification shows OK green, FAILED and MISSING red, and the whole run as failed', async () => {
    bridge.answer('settings.get', savedSettings);
    bridge.answer('compare.verify', (input) => verification(input.sumsFile));
    await render(CompareTool);
    await userEvent.fill(page.getByRole('textbox', { name: 'Checksum file' }), '/data/SHA256SUMS');
    expect(bridge.callsTo('compare.verify')).toHaveLength(0);
    await userEvent.click(page.getByRole('button', { name: 'Verify' }));

    const pane = page.getByRole('region', { name: 'Verification result' });
    const status = (file: string) =>
      pane
        .getByRole('row', { name: new RegExp(file) })
        .getByRole('cell')
        .last();
    await expectVerdict(status('good.txt'), 'ok', 'good');
    await expectVerdict(status('bad.txt'), 'failed', 'bad');
    await expectVerdict(status('gone.txt'), 'missing', 'bad');
    await expectVerdict(pane.getByRole('status'), 'failed', 'bad');
    expect(bridge.callsTo('compare.verify')).toHaveLength(1);
  });
});
