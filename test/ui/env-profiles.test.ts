import { describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { ApplyResult, ChangePlan, ProfileList } from '../../src-main/contract/env.ts';
import ProfilesPanel from '../../src-renderer/tools/env/ProfilesPanel.svelte';
import { bridge } from './support/bridge.ts';

const LIST: ProfileList = {
  profiles: [
    { name: 'jdk21', entries: [{ name: 'JAVA_HOME', action: 'set', value: '/opt/jdk21' }] },
    { name: 'jdk17', entries: [{ name: 'JAVA_HOME', action: 'set', value: '/opt/jdk17' }] },
  ],
  active: ['jdk21'],
  notice: null,
};

const PLAN: ChangePlan = {
  planId: 'a'.repeat(32),
  file: '/home/tester/.profile',
  target: '/home/tester/.profile',
  shell: 'bash',
  diff: "--- /home/tester/.profile\tbefore\n+++ /home/tester/.profile\tafter\n+export JAVA_HOME='/opt/jdk17'",
  expectedSha256: 'b'.repeat(64),
  reason: 'bash login shells read it',
  unchanged: false,
  serves: ['bash -lc'],
  warnings: [
    {
      kind: 'conflict',
      message:
        'Conflict: profile jdk17 sets JAVA_HOME after profile jdk21 set it; profile jdk17 comes later and wins.',
    },
  ],
  needsConfirmation: false,
};

const APPLIED: ApplyResult = {
  plan: PLAN,
  backup: '/state/backups/x-.profile',
  undoId: 'undo-1',
  verification: {
    tookEffect: true,
    seen: null,
    message: 'Fresh shells see the change (bash -lc).',
    checks: [],
  },
};

function renderPanel() {
  let written = 0;
  render(ProfilesPanel, { shellChoice: undefined, onWritten: () => written++ });
  return () => written;
}

describe('Profiles panel', () => {
  test('asks for the profiles once, enabling shows the conflict before writing, Write applies that preview', async () => {
    bridge.answer('env.profiles', LIST);
    bridge.answer('env.profilePlan', PLAN);
    bridge.answer('env.apply', APPLIED);
    const written = renderPanel();
    await expect.element(page.getByRole('button', { name: 'Enable jdk17…' })).toBeVisible();
    expect(bridge.callsTo('env.profiles')).toHaveLength(1);
    const states = [...document.querySelectorAll('[aria-label="Saved profiles"] li')].map((li) =>
      li.getAttribute('data-state'),
    );
    expect(states).toEqual(['enabled', 'disabled']);

    await userEvent.click(page.getByRole('button', { name: 'Enable jdk17…' }));
    const conflict = page.getByText(/Conflict: profile jdk17 sets JAVA_HOME/);
    await expect.element(conflict).toBeVisible();
    expect(conflict.element().getAttribute('data-verdict')).toBe('conflict');
    expect(conflict.element().getAttribute('data-tone')).toBe('unknown');
    expect(bridge.callsTo('env.profilePlan').map((call) => call.input)).toEqual([
      { profile: 'jdk17', enable: true },
    ]);
    expect(bridge.callsTo('env.apply')).toHaveLength(0);

    await userEvent.click(page.getByRole('button', { name: 'Write' }));
    const status = page.getByRole('status');
    await expect.element(status).toMatchTextContent('Fresh shells see the change');
    expect(status.element().getAttribute('data-tone')).toBe('good');
    expect(bridge.callsTo('env.apply').map((call) => call.input)).toEqual([
      { planId: PLAN.planId, confirmed: false },
    ]);
    // One more read of the profiles after the write, and the environment read again once.
    await expect.poll(() => bridge.callsTo('env.profiles')).toHaveLength(2);
    expect(written()).toBe(1);
  });

  test('typing in the form starts nothing; Save is one call and the list shows it without asking again', async () => {
    bridge.answer('env.profiles', { ...LIST, profiles: [], active: [] });
    bridge.answer('env.profileSave', (input) => ({ name: input.profile, entries: [input.entry] }));
    renderPanel();
    await expect.element(page.getByText(/No profiles yet/)).toBeVisible();
    await userEvent.fill(page.getByRole('textbox', { name: 'Profile', exact: true }), 'tools');
    await userEvent.fill(page.getByRole('textbox', { name: 'Variable' }), 'PATH');
    await userEvent.fill(page.getByRole('textbox', { name: 'Profile value' }), '/opt/tools/bin');
    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Profile change' }), 'prepend');
    expect(bridge.calls.map((call) => call.channel)).toEqual(['env.profiles']);

    await userEvent.click(page.getByRole('button', { name: 'Save to profile' }));
    await expect.element(page.getByRole('button', { name: 'Enable tools…' })).toBeVisible();
    expect(bridge.callsTo('env.profileSave').map((call) => call.input)).toEqual([
      { profile: 'tools', entry: { name: 'PATH', action: 'prepend', value: '/opt/tools/bin' } },
    ]);
    expect(bridge.callsTo('env.profiles')).toHaveLength(1);
    await expect.element(page.getByRole('textbox', { name: 'Variable' })).toHaveFocus();
  });

  test('an import with unreadable lines lists each line number in red and imports nothing', async () => {
    bridge.answer('env.profiles', LIST);
    bridge.answer('env.profileImport', {
      profile: null,
      errors: [
        { line: 2, message: 'not a KEY=value line' },
        { line: 4, message: 'the quote that opens the value of B is not closed' },
      ],
    });
    renderPanel();
    await userEvent.fill(page.getByRole('textbox', { name: 'Profile', exact: true }), 'app');
    await userEvent.click(page.getByText('Import a .env file into the profile'));
    await userEvent.fill(page.getByRole('textbox', { name: '.env text' }), 'A=1\nwords\n\nB="open\n');
    await userEvent.click(page.getByRole('button', { name: 'Import' }));
    const errors = page.getByRole('alert', { name: 'Lines that cannot be read' });
    await expect.element(errors).toMatchTextContent(/Line 2: not a KEY=value line.*Line 4: the quote/);
    expect(errors.element().getAttribute('data-tone')).toBe('bad');
    expect(bridge.callsTo('env.profileImport').map((call) => call.input)).toEqual([
      { profile: 'app', text: 'A=1\nwords\n\nB="open\n', expand: false },
    ]);
  });
});
