import { tick } from 'svelte';
import { describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import EnvTool from '../../src-renderer/tools/env/EnvTool.svelte';
import { bridge } from './support/bridge.ts';
import { environment, plan } from './support/env-fixtures.ts';

describe('Env Settings', () => {
  test('one login shell on opening, and one per change of the Shell selector', async () => {
    bridge.answer('env.list', (input) => environment(input.shell ?? 'bash'));
    await render(EnvTool);
    await expect.element(page.getByRole('status')).toMatchTextContent('From a fresh bash login shell');
    expect(bridge.callsTo('env.list')).toHaveLength(1);

    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Shell' }), 'zsh');
    await expect.element(page.getByRole('status')).toMatchTextContent('From a fresh zsh login shell');
    expect(bridge.callsTo('env.list').map((call) => call.input)).toEqual([{}, { shell: 'zsh' }]);

    await userEvent.click(page.getByRole('button', { name: 'Refresh' }));
    await expect.poll(() => bridge.callsTo('env.list')).toHaveLength(3);
  });

  test("a slower answer for the previous shell cannot replace the chosen shell's", async () => {
    bridge.hold('env.list');
    await render(EnvTool);
    await expect.poll(() => bridge.held('env.list')).toHaveLength(1);
    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Shell' }), 'fish');
    await expect.poll(() => bridge.held('env.list')).toHaveLength(2);
    const [first, second] = bridge.held('env.list');
    expect(bridge.callsTo('env.list').map((call) => call.cancelled)).toEqual([true, false]);

    await second!.succeed(environment('fish'));
    await first!.succeed(environment('bash'));
    await tick();
    await expect.element(page.getByRole('status')).toMatchTextContent('From a fresh fish login shell');
  });

  test('asks where a variable is set once, and once more for another shell', async () => {
    bridge.answer('env.list', (input) => environment(input.shell ?? 'bash'));
    bridge.answer('env.where', (input) => ({
      name: input.name,
      shell: input.shell ?? 'bash',
      files: [{ path: '/home/tester/.profile', exists: true }],
      assignments: [],
    }));
    await render(EnvTool);
    await userEvent.click(page.getByRole('button', { name: 'Where is EDITOR set' }));
    await expect.element(page.getByText(/No bash startup file sets EDITOR/)).toBeVisible();
    expect(bridge.callsTo('env.where').map((call) => call.input)).toEqual([{ name: 'EDITOR' }]);

    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Shell' }), 'fish');
    await expect.element(page.getByText(/No fish startup file sets EDITOR/)).toBeVisible();
    expect(bridge.callsTo('env.where').map((call) => call.input)).toEqual([
      { name: 'EDITOR' },
      { name: 'EDITOR', shell: 'fish' },
    ]);
  });

  test('typing a name and value starts nothing; Preview asks once', async () => {
    bridge.answer('env.list', environment());
    bridge.answer('env.plan', (input) => plan(input.name, input.value ?? ''));
    bridge.answer('env.commands', {
      bash: "export A='1'",
      fish: 'set -gx A 1',
      powershell: '',
      cmd: '',
      cmdWarning: null,
    });
    await render(EnvTool);
    await expect.poll(() => bridge.callsTo('env.list')).toHaveLength(1);
    await userEvent.fill(page.getByRole('textbox', { name: 'Name' }), 'JAVA_HOME');
    await userEvent.fill(page.getByRole('textbox', { name: 'Value' }), '/opt/jdk');
    expect(bridge.calls.map((call) => call.channel)).toEqual(['env.list']);

    await userEvent.click(page.getByRole('button', { name: 'Preview' }));
    await expect
      .element(page.getByLabelText('Diff preview'))
      .toMatchTextContent(/export JAVA_HOME='\/opt\/jdk'/);
    expect(bridge.callsTo('env.plan')).toHaveLength(1);
  });

  test('a preview goes stale when the value changes: Write cannot write what was not previewed', async () => {
    bridge.answer('env.list', environment());
    bridge.answer('env.plan', (input) => plan(input.name, input.value ?? ''));
    bridge.answer('env.commands', { bash: '', fish: '', powershell: '', cmd: '', cmdWarning: null });
    await render(EnvTool);
    await userEvent.fill(page.getByRole('textbox', { name: 'Name' }), 'JAVA_HOME');
    await userEvent.fill(page.getByRole('textbox', { name: 'Value' }), '/opt/jdk');
    await userEvent.click(page.getByRole('button', { name: 'Preview' }));
    await expect.element(page.getByRole('button', { name: 'Write' })).toBeEnabled();

    await userEvent.fill(page.getByRole('textbox', { name: 'Value' }), '/opt/other');
    await expect.element(page.getByRole('button', { name: 'Write' })).toBeDisabled();
    await expect.element(page.getByLabelText('Diff preview')).not.toBeInTheDocument();
    expect(bridge.callsTo('env.apply')).toHaveLength(0);
  });

  test('Edit fills the form from the table without calling anything', async () => {
    bridge.answer('env.list', environment());
    await render(EnvTool);
    await userEvent.click(page.getByRole('button', { name: 'Edit EDITOR' }));
    await expect.element(page.getByRole('textbox', { name: 'Name' })).toHaveValue('EDITOR');
    await expect.element(page.getByRole('textbox', { name: 'Value' })).toHaveValue('vim');
    expect(bridge.calls.map((call) => call.channel)).toEqual(['env.list']);
  });
});
