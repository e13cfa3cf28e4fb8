import { describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import PythonSection from '../../src-renderer/tools/inspect/PythonSection.svelte';
import { bridge } from './support/bridge.ts';
import { pythonReport, versionConflict } from './support/inspect-fixtures.ts';
import { expectVerdict } from './support/verdicts.ts';

const section = () => page.getByRole('region', { name: /^Python packages/ });
const venvField = () => section().getByRole('textbox', { name: 'Or a venv / python' });

/** inspect.python answers for /usr/bin/python3 and /venv; any other path does not exist. */
function answerPython(conflicts = [versionConflict]): void {
  bridge.answer('inspect.python', (input) => {
    const python = input.python ?? '/usr/bin/python3';
    if (python !== '/usr/bin/python3' && python !== '/venv') throw new Error(`unexpected ${python}`);
    return pythonReport(python, python === '/venv' ? conflicts : []);
  });
}

describe('System Inspect: Python', () => {
  test('typing a venv path starts nothing; Enter inspects it once', async () => {
    answerPython();
    await render(PythonSection);
    await expect.element(section().getByRole('status')).toMatchTextContent('in /usr/bin/python3');
    expect(bridge.callsTo('inspect.python').map((call) => call.input)).toEqual([{}]);

    await userEvent.type(venvField(), '/venv');
    expect(bridge.callsTo('inspect.python')).toHaveLength(1);
    await userEvent.keyboard('{Enter}');
    await expect.element(section().getByRole('status')).toMatchTextContent('in /venv');
    expect(bridge.callsTo('inspect.python').map((call) => call.input)).toEqual([{}, { python: '/venv' }]);
  });

  test('a bad path fails visibly, keeps the field to correct it, and Refresh repeats the last good one', async () => {
    bridge.answer('inspect.python', (input) => pythonReport(input.python ?? '/usr/bin/python3'));
    await render(PythonSection);
    await expect.element(section().getByRole('status')).toMatchTextContent('in /usr/bin/python3');

    bridge.fail('inspect.python', { code: 'NOT_FOUND', message: '/nope does not exist.' });
    await userEvent.fill(venvField(), '/nope');
    await userEvent.click(section().getByRole('button', { name: 'Inspect', exact: true }));
    await expect.element(section().getByRole('alert')).toMatchTextContent('/nope does not exist.');
    await expect.element(venvField()).toHaveValue('/nope');

    bridge.answer('inspect.python', (input) => pythonReport(input.python ?? '/usr/bin/python3'));
    await userEvent.click(section().getByRole('button', { name: 'Refresh Python packages' }));
    await expect.element(section().getByRole('status')).toMatchTextContent('in /usr/bin/python3');
    expect(bridge.callsTo('inspect.python').map((call) => call.input)).toEqual([{}, { python: '/nope' }, {}]);
  });

  test('a conflict is shown red as a conflict; none is shown green', async () => {
    answerPython();
    await render(PythonSection);
    await expectVerdict(section().getByText('No conflicts.'), 'ok', 'good');

    await userEvent.fill(venvField(), '/venv');
    await userEvent.click(section().getByRole('button', { name: 'Inspect', exact: true }));
    const conflict = section().getByRole('list', { name: 'Conflicts' }).getByRole('listitem');
    await expect.element(conflict).toMatchTextContent(versionConflict.message);
    await expectVerdict(conflict, 'conflict', 'bad');
  });
});
