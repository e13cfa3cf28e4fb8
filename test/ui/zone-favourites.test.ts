import { describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { Settings } from '../../src-main/contract/settings.ts';
import ZoneTool from '../../src-renderer/tools/zone/ZoneTool.svelte';
import { bridge } from './support/bridge.ts';
import { savedSettings } from './support/compare-fixtures.ts';
import { conversion, zoneList } from './support/zone-fixtures.ts';

const toZones = () => page.getByRole('group', { name: 'To zones' });

function answer(favouriteZones: string[]): void {
  let settings: Settings = { ...savedSettings.settings, favouriteZones };
  bridge.answer('settings.get', () => ({ settings, notice: null }));
  bridge.answer('settings.update', (changes) => {
    settings = { ...settings, ...changes } as Settings;
    return { settings, notice: null };
  });
  bridge.answer('zone.list', zoneList);
  bridge.answer('zone.convert', (input) => conversion(input.from ?? 'UTC', input.to ?? []));
}

describe('Zone Convert favourites', () => {
  test('a saved favourite that is no zone is dropped on load, named, and never sent', async () => {
    answer(['Asia/Tokyo', 'Mars/Olympus', 'asia/calcutta']);
    await render(ZoneTool);
    const notice = page.getByText('removed from To zones', { exact: false });
    await expect.element(notice).toMatchTextContent(/Mars\/Olympus/);
    await expect.element(notice).toHaveAttribute('data-tone', 'unknown');
    await expect.element(toZones()).toMatchTextContent(/Asia\/Tokyo.*Asia\/Calcutta/);
    expect(bridge.callsTo('settings.update').at(-1)?.input).toEqual({
      favouriteZones: ['Asia/Tokyo', 'Asia/Calcutta'],
    });

    await userEvent.fill(page.getByRole('textbox', { name: 'Date and time' }), '2017-03-11 11:30');
    await userEvent.click(page.getByRole('button', { name: 'Convert', exact: true }));
    await expect.element(page.getByRole('article', { name: 'Target: Asia/Tokyo' })).toBeVisible();
    expect(bridge.callsTo('zone.convert').at(-1)?.input.to).toEqual(['Asia/Tokyo', 'Asia/Calcutta']);
  });

  test('adding a name that is no zone is refused with a message', async () => {
    // The settings and zone list stay loaded from the test before, as they do in the app.
    answer([]);
    await render(ZoneTool);
    await expect.element(toZones()).toMatchTextContent(/Asia\/Tokyo/);
    const saves = bridge.callsTo('settings.update').length;
    await userEvent.fill(page.getByRole('combobox', { name: 'Add a zone' }), 'Europe/Atlantis');
    await userEvent.click(page.getByRole('button', { name: 'Add', exact: true }));
    await expect
      .element(page.getByRole('alert'))
      .toMatchTextContent(/"Europe\/Atlantis" is not a time zone in the data/);
    await expect.element(toZones()).not.toMatchTextContent(/Atlantis/);
    expect(bridge.callsTo('settings.update')).toHaveLength(saves);
  });
});
