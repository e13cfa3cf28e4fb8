/**
 * One of the real processes of the concurrency test: previews and applies several changes at once
 * through the same channels as the app (HOME and SHELL from the environment), and prints what each
 * got as one JSON line. Run with: node parallel-writer.ts NAME=VALUE …
 */
import { callChannel } from '../../../src-main/cli/call-channel.ts';
import { envApi } from '../../../src-main/tools/env/handlers.ts';

const signal = new AbortController().signal;
const outcomes = await Promise.all(
  process.argv.slice(2).map(async (argument) => {
    const [name, value] = argument.split('=') as [string, string];
    try {
      const plan = await callChannel(
        envApi,
        'env.plan',
        { name, value, action: 'set', shell: 'bash' },
        signal,
      );
      const result = await callChannel(envApi, 'env.apply', { planId: plan.planId }, signal);
      return { name, value, ok: true, undoId: result.undoId };
    } catch (error) {
      return {
        name,
        value,
        ok: false,
        code: (error as { code?: string }).code,
        message: (error as Error).message,
      };
    }
  }),
);
process.stdout.write(`${JSON.stringify(outcomes)}\n`);
