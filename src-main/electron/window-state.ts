import { join } from 'node:path';
import { app, screen } from 'electron';
import type { BrowserWindow, Rectangle } from 'electron';
import { z } from 'zod';
import { JsonStore } from '../core/json-store.ts';

const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  maximized: z.boolean(),
});
export type WindowState = z.output<typeof windowStateSchema>;

const defaults: WindowState = { width: 1100, height: 760, maximized: false };

export function windowStateStore(): JsonStore<typeof windowStateSchema> {
  return new JsonStore(join(app.getPath('userData'), 'window-state.json'), windowStateSchema, defaults);
}

/** Drops a remembered position that no longer lies on any display (a monitor was unplugged). */
export function visibleState(state: WindowState): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const bounds: Rectangle = { x: state.x, y: state.y, width: state.width, height: state.height };
  const onScreen = screen.getAllDisplays().some(({ workArea }) => intersects(workArea, bounds));
  return onScreen ? state : { width: state.width, height: state.height, maximized: state.maximized };
}

function intersects(a: Rectangle, b: Rectangle): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Saves size and position when the window closes. */
export function rememberWindowState(window: BrowserWindow, store: JsonStore<typeof windowStateSchema>): void {
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    void store.save({ ...bounds, maximized: window.isMaximized() }).catch(() => undefined);
  });
}
