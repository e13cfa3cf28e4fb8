import { Menu } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';

/** The standard menu: the platform's own roles, so copy, paste and window keys work everywhere. */
export function installApplicationMenu(): void {
  const mac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'Switch tools: Ctrl/Cmd+1 to 4', enabled: false }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
