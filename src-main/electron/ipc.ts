import { ipcMain } from 'electron';
import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { IPC } from '../contract/bridge.ts';
import type { Outcome } from '../contract/errors.ts';
import { dispatch } from '../core/dispatch.ts';
import type { Handlers } from '../core/handlers.ts';
import { isTrustedFrame } from './trusted-frame.ts';

const invokeMessage = z.object({
  opId: z.string().min(1).max(64),
  channel: z.string().max(100),
  input: z.unknown(),
});

export function registerIpc(handlers: Handlers): void {
  const running = new Map<string, AbortController>();

  ipcMain.handle(IPC.invoke, async (event: IpcMainInvokeEvent, raw: unknown): Promise<Outcome<unknown>> => {
    if (!isTrustedFrame(event.senderFrame)) {
      return {
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Refused: the call did not come from the app.' },
      };
    }
    const message = invokeMessage.safeParse(raw);
    if (!message.success) return { ok: false, error: { code: 'BAD_INPUT', message: 'Malformed call.' } };
    const { opId, channel, input } = message.data;
    const controller = new AbortController();
    running.set(opId, controller);
    try {
      return await dispatch(handlers, channel, input, {
        signal: controller.signal,
        progress: (progress) => {
          if (!event.sender.isDestroyed()) event.sender.send(IPC.progress, { opId, progress });
        },
      });
    } finally {
      running.delete(opId);
    }
  });

  ipcMain.on(IPC.cancel, (event: IpcMainEvent, opId: unknown) => {
    if (isTrustedFrame(event.senderFrame) && typeof opId === 'string') running.get(opId)?.abort();
  });
}
