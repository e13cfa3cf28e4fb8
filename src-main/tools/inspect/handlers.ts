import { inspectChannels } from '../../contract/inspect.ts';
import type { HandlersOf, ToolApi } from '../../core/handlers.ts';
import { inspectLibraries } from './libraries.ts';
import { inspectLinkage } from './linkage/inspect-linkage.ts';
import { inspectOpenssl } from './openssl.ts';
import { inspectPython } from './python/inspect-python.ts';
import { systemOverview } from './system-overview.ts';
import { inspectTlsBatch } from './tls/inspect-batch.ts';
import { inspectTls } from './tls/inspect-tls.ts';

export const inspectHandlers: HandlersOf<typeof inspectChannels> = {
  'inspect.system': () => systemOverview(),
  'inspect.openssl': (_input, { signal }) => inspectOpenssl(process.env, signal),
  'inspect.libs': ({ dirs }, { signal }) => inspectLibraries(process.env, undefined, dirs, signal),
  'inspect.linkage': ({ targets }, { signal }) => inspectLinkage(targets, process.env, signal),
  'inspect.python': ({ python, freezeAll, local, why }, { signal }) =>
    inspectPython(python, { freezeAll, local, why }, signal),
  'inspect.tls': (input, { signal }) => inspectTls(input, signal),
  'inspect.tlsBatch': (input, { signal }) => inspectTlsBatch(input, signal),
};

/** The tool's channels with their handlers, as its CLI commands call them. */
export const inspectApi: ToolApi = { channels: inspectChannels, handlers: inspectHandlers };
