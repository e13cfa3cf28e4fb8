import { describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { Settings } from '../../src-main/contract/settings.ts';
import ZoneTool from '../../src-renderer/tools/zone/ZoneTool.svelte';
import { bridge } from './support/bridge.ts';
import { savedSettings } from './support/compare-fixtures.ts';
import { conversion, zoneList } from './support/zone-fixtures.ts';

const toZones = () => page.getByRole('group', { name: 'To zones' });
const results = () => page.getByRole('region', { name: 'Converted times' });

/** Answers settings and zone lists; every save of the To zones is kept, as the main process would. */
function answerSettings(favouriteZones: string[]): void {
  let settings: Settings = { ...savedSettings.settings, favouriteZones };
  bridge.answer('settings.get', () => ({ settings, notice: null }));
  bridge.answer('settings.update', (changes) => {
    settings = { ...settings, ...changes } as Settings;
    return { settings, notice: null };
  });
  bridge.answer('zone.list', zoneList);
  bridge.answer('zone.convert', (input) => conversion(input.from ?? 'UTC', input.to ?? []));
}

describe('Zone Convert', () => {
  test('typing a time starts nothing; Convert makes one call', async () => {
    answerSettings(['Asia/Tokyo', 'Europe/London']);
    await render(ZoneTool);
    await expect.element(toZones()).toMatchTextContent(/Asia\/Tokyo.*Europe\/London/);
    await userEvent.fill(page.getByRole('textbox', { name: 'Date and time' }), '2017-03-11 11:30');
    expect(bridge.callsTo('zone.convert')).toHaveLength(0);

    await userEvent.click(page.getByRole('button', { name: 'Convert', exact: true }));
    await expect.element(results().getByRole('article', { name: 'Target: Europe/London' })).toBeVisible();
    expect(bridge.callsTo('zone.convert').map((call) => call.input.time)).toEqual(['2017-03-11 11:30']);
  });

  test("a result card's × removes its own zone, even after the To zones changed since", async () => {
    answerSettings(['Asia/Tokyo', 'Europe/London']);
    await render(ZoneTool);
    await expect.element(toZones()).toMatchTextContent(/Europe\/London/);
    await userEvent.fill(page.getByRole('combobox', { name: 'Add a zone' }), 'Asia/Calcutta');
    await userEvent.click(page.getByRole('button', { name: 'Add', exact: true }));
    await expect.element(toZones()).toMatchTextContent(/Asia\/Calcutta/);
    await userEvent.fill(page.getByRole('textbox', { name: 'Date and time' }), '2017-03-11 11:30');
    await userEvent.click(page.getByRole('button', { name: 'Convert', exact: true }));
    await expect.element(results().getByRole('article', { name: 'Target: Europe/London' })).toBeVisible();

    // The result on screen is now stale: Tokyo left the To zones after it was computed.
    await userEvent.click(toZones().getByRole('button', { name: 'Remove Asia/Tokyo from To zones' }));
    await userEvent.click(results().getByRole('button', { name: 'Remove Europe/London' }));
    await expect.element(toZones().getByText('Europe/London')).not.toBeInTheDocument();
    await expect.element(toZones()).toMatchTextContent(/Asia\/Calcutta/);

    // A card answered under the canonical name removes the name the user gave.
    await userEvent.click(results().getByRole('button', { name: 'Remove Asia/Kolkata' }));
    await expect.element(toZones()).toMatchTextContent(/None yet/);
    expect(bridge.callsTo('settings.update').at(-1)?.input).toEqual({ favouriteZones: [] });
  });
});
