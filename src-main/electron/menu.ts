import { Menu, app } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import { TOOL_IDS } from '../contract/tools.ts';

const modifier = process.platform === 'darwin' ? 'Cmd' : 'Ctrl';

/** Keyboard shortcuts, listed in the Help menu. */
const SHORTCUTS = [
  `${modifier}+1 … ${modifier}+${TOOL_IDS.length}  Switch tools, in the sidebar’s order`,
  `${modifier}+C / ${modifier}+V  Copy and paste in any field`,
  'Tab / Shift+Tab  Move between fields and buttons',
  'Enter  Run the form’s main action',
  'Escape  Close a picker or dialog',
];

/** The standard menu: the platform's own roles, so Edit (copy, paste, undo) and window keys work everywhere. */
export function installApplicationMenu(): void {
  const mac = process.platform === 'darwin';
  app.setAboutPanelOptions({
    applicationName: app.getName(),
    applicationVersion: app.getVersion(),
    version: `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
    copyright: 'MIT licence',
  });
  const template: MenuItemConstructorOptions[] = [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Keyboard shortcuts', enabled: false },
        ...SHORTCUTS.map((label) => ({ label, enabled: false })),
        { type: 'separator' },
        { role: 'about' },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
