import type { inspectChannels } from '../../contract/inspect.ts';
import type { HandlersOf } from '../../core/handlers.ts';
import { inspectLibraries } from './libraries.ts';
import { inspectOpenssl } from './openssl.ts';
import { inspectPython } from './python/inspect-python.ts';
import { systemOverview } from './system-overview.ts';
import { inspectTls } from './tls/inspect-tls.ts';

export const inspectHandlers: HandlersOf<typeof inspectChannels> = {
  'inspect.system': () => systemOverview(),
  'inspect.openssl': () => inspectOpenssl(),
  'inspect.libs': () => inspectLibraries(),
  'inspect.python': ({ python }) => inspectPython(python),
  'inspect.tls': (input) => inspectTls(input),
};
