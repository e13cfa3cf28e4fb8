import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { IPC } from '../contract/bridge.ts';
import type { ProgressMessage, SuiteBridge } from '../contract/bridge.ts';

/** `window.suite`: the only door from the renderer to the main process. */
const bridge: SuiteBridge = {
  invoke(opId, channel, input, onProgress) {
    const listener = (_event: IpcRendererEvent, message: ProgressMessage): void => {
      if (message.opId === opId) onProgress?.(message.progress as never);
    };
    if (onProgress) ipcRenderer.on(IPC.progress, listener);
    const reply = ipcRenderer.invoke(IPC.invoke, { opId, channel, input });
    return reply.finally(() => ipcRenderer.off(IPC.progress, listener));
  },
  cancel(opId) {
    ipcRenderer.send(IPC.cancel, opId);
  },
  pathForFile(file) {
    return webUtils.getPathForFile(file);
  },
  onOpened(listener) {
    ipcRenderer.on(IPC.opened, () => listener());
  },
};

contextBridge.exposeInMainWorld('suite', bridge);
