import { describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import TlsSection from '../../src-renderer/tools/inspect/TlsSection.svelte';
import { bridge } from './support/bridge.ts';
import { tlsReport } from './support/inspect-fixtures.ts';
import { expectVerdict } from './support/verdicts.ts';

const chainNamed = (name: string) => page.getByRole('article', { name: `TLS chain ${name}` });

describe('System Inspect: TLS', () => {
  test('typing a target starts nothing; Inspect certificate makes one call', async () => {
    bridge.answer('inspect.tls', (input) => tlsReport(input.target));
    await render(TlsSection);
    await userEvent.fill(page.getByRole('textbox', { name: 'Certificate or host' }), '/certs/bundle.pem');
    await userEvent.fill(page.getByRole('textbox', { name: 'Extra CA (optional)' }), '/certs/root.pem');
    expect(bridge.callsTo('inspect.tls')).toHaveLength(0);

    await userEvent.click(page.getByRole('button', { name: 'Inspect certificate' }));
    await expect.element(chainNamed('good.test')).toBeVisible();
    expect(bridge.callsTo('inspect.tls').map((call) => [call.input.target, call.input.caFile])).toEqual([
      ['/certs/bundle.pem', '/certs/root.pem'],
    ]);
  });

  test('verified green, not trusted red, expiring amber: each its own verdict', async () => {
    bridge.answer('inspect.tls', (input) => tlsReport(input.target));
    await render(TlsSection);
    await userEvent.fill(page.getByRole('textbox', { name: 'Certificate or host' }), '/certs/bundle.pem');
    await userEvent.click(page.getByRole('button', { name: 'Inspect certificate' }));

    await expectVerdict(chainNamed('good.test').getByRole('status'), 'verified', 'good');
    await expect.element(chainNamed('good.test').getByRole('status')).toHaveTextContent('Verified');
    await expectVerdict(chainNamed('rogue.test').getByRole('status'), 'untrusted', 'bad');
    await expect.element(chainNamed('rogue.test').getByRole('status')).toHaveTextContent('Not trusted');
    await expectVerdict(chainNamed('rogue.test').getByText(/^NOT trusted/), 'untrusted', 'bad');
    await expectVerdict(chainNamed('soon.test').getByRole('status'), 'renew-soon', 'unknown');
  });
});
