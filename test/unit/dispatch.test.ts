import { describe, expect, it } from 'vitest';
import { compareChannels } from '../../src-main/contract/compare.ts';
import { dispatch } from '../../src-main/core/dispatch.ts';
import { createHandlers } from '../../src-main/tools/handlers.ts';

const context = () => ({ signal: new AbortController().signal, progress: () => undefined });

describe('dispatch', () => {
  it('answers a known channel with the tool result', async () => {
    const outcome = await dispatch(createHandlers('browser'), 'app.info', {}, context());
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(outcome.value).toMatchObject({ face: 'browser', name: 'DevUtil Suite' });
  });

  it('refuses an unknown channel with a BAD_INPUT error, not a crash', async () => {
    const outcome = await dispatch(createHandlers('browser'), 'nope.nothing', {}, context());
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', message: 'Unknown channel "nope.nothing".' },
    });
  });

  it('does not treat inherited object keys as channels', async () => {
    const outcome = await dispatch(createHandlers('browser'), 'constructor', {}, context());
    expect(outcome.ok).toBe(false);
  });

  it('validates input and names the bad field', async () => {
    const outcome = await dispatch(createHandlers('browser'), 'files.list', { path: 42 }, context());
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.code).toBe('BAD_INPUT');
      expect(outcome.error.message).toMatch(/^Invalid input\. path: /);
    }
  });

  it('passes a SuiteError through as code and message', async () => {
    const outcome = await dispatch(createHandlers('browser'), 'dialog.openFile', {}, context());
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'UNSUPPORTED', message: 'There is no native file dialog in browser mode.' },
    });
  });

  it('turns an unexpected exception into INTERNAL without a stack trace', async () => {
    const handlers = createHandlers('browser', {
      overrides: {
        'app.info': async () => {
          throw new TypeError('boom');
        },
      },
    });
    const outcome = await dispatch(handlers, 'app.info', {}, context());
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Something went wrong: boom' },
    });
  });

  it('reports CANCELLED when the work failed because the caller cancelled', async () => {
    // What cancelled work throws in practice: a plain error from a killed child or an aborted stream,
    // not a SuiteError. The dispatcher must read the signal to tell the caller what happened.
    const failAfterCancel = (controller: AbortController) =>
      createHandlers('browser', {
        overrides: {
          'app.info': async () => {
            controller.abort();
            throw new Error('Command failed: killed by SIGTERM');
          },
        },
      });
    const controller = new AbortController();
    const outcome = await dispatch(
      failAfterCancel(controller),
      'app.info',
      {},
      { signal: controller.signal, progress: () => undefined },
    );
    expect(outcome).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'Cancelled.' } });
    // The same failure with a signal the caller did not fire is an error, not a cancellation.
    const other = await dispatch(failAfterCancel(new AbortController()), 'app.info', {}, context());
    expect(other).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('with one tool’s part of the contract (the CLI), validates against it and answers nothing else', async () => {
    const handlers = createHandlers('cli');
    const outcome = await dispatch(
      handlers,
      'compare.folders',
      { dirA: '', dirB: '/tmp' },
      context(),
      compareChannels,
    );
    expect(outcome).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: /Choose folder 1\./ } });
    // A channel of another part is unknown here, though its handler exists.
    expect(await dispatch(handlers, 'app.info', {}, context(), compareChannels)).toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', message: 'Unknown channel "app.info".' },
    });
  });
});
