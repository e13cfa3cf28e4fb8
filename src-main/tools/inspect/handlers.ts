import type { inspectChannels } from '../../contract/inspect.ts';
import type { HandlersOf } from '../../core/handlers.ts';
import { inspectLibraries } from './libraries.ts';
import { inspectOpenssl } from './openssl.ts';
import { inspectPython } from './python/inspect-python.ts';
import { systemOverview } from './system-overview.ts';
import { inspectTlsBatch } from './tls/inspect-batch.ts';
import { inspectTls } from './tls/inspect-tls.ts';

export const inspectHandlers: HandlersOf<typeof inspectChannels> = {
  'inspect.system': () => systemOverview(),
  'inspect.openssl': () => inspectOpenssl(),
  'inspect.libs': () => inspectLibraries(),
  'inspect.python': ({ python, freezeAll, local, why }, { signal }) =>
    inspectPython(python, { freezeAll, local, why }, signal),
  'inspect.tls': (input, { signal }) => inspectTls(input, signal),
  'inspect.tlsBatch': (input, { signal }) => inspectTlsBatch(input, signal),
};
