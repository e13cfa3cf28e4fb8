import { fileURLToPath } from 'node:url';
import { BrowserWindow, app, dialog } from 'electron';
import { IPC } from '../contract/bridge.ts';
import { savesLanded } from '../core/json-store.ts';
import { OpenedFiles } from '../tools/app/opened-files.ts';
import { createHandlers } from '../tools/handlers.ts';
import { registerAppScheme, serveRenderer } from './app-protocol.ts';
import { APP_ORIGIN } from './trusted-frame.ts';
import { registerIpc } from './ipc.ts';
import { installApplicationMenu } from './menu.ts';
import { applySecurityPolicy } from './security.ts';
import { rememberWindowState, visibleState, windowStateStore } from './window-state.ts';

const rendererRoot = fileURLToPath(new URL('../renderer', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));

let mainWindow: BrowserWindow | null = null;
const openedFiles = new OpenedFiles();

/** Files named on a command line: after the executable (and, unpackaged, the app folder), flags skipped. */
function filesFromArgv(argv: string[]): string[] {
  return argv.slice(app.isPackaged ? 1 : 2).filter((arg) => !arg.startsWith('-'));
}

async function createWindow(): Promise<void> {
  const store = windowStateStore();
  const state = visibleState((await store.load()).value);
  mainWindow = new BrowserWindow({
    ...state,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'DevUtil Suite',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // A middle click must not open a window of its own.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (state.maximized) mainWindow.maximize();
  rememberWindowState(mainWindow, store);
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  await mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  // macOS hands files over this way, also before the app is ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void openedFiles.add([path], process.cwd());
  });
  void openedFiles.add(filesFromArgv(process.argv), process.cwd());
  openedFiles.onAdded(() => mainWindow?.webContents.send(IPC.opened));
  app.on('second-instance', (_event, argv, workingDirectory) => {
    void openedFiles.add(filesFromArgv(argv), workingDirectory);
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // The window's size and position, and any settings change, are written as the window closes:
  // quitting waits for those writes instead of cutting them off.
  let savesFlushed = false;
  app.on('will-quit', (event) => {
    if (savesFlushed) return;
    event.preventDefault();
    savesFlushed = true;
    void savesLanded().finally(() => app.quit());
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
  void app.whenReady().then(async () => {
    applySecurityPolicy();
    serveRenderer(rendererRoot);
    installApplicationMenu();
    registerIpc(
      createHandlers('electron', {
        dataDirectory: app.getPath('userData'),
        openedFiles,
        overrides: {
          'dialog.openFile': async ({ title, defaultPath }) => {
            const owner = BrowserWindow.getFocusedWindow() ?? mainWindow;
            const options = {
              title,
              properties: ['openFile' as const],
              ...(defaultPath ? { defaultPath } : {}),
            };
            const result = owner
              ? await dialog.showOpenDialog(owner, options)
              : await dialog.showOpenDialog(options);
            return { path: result.canceled ? null : (result.filePaths[0] ?? null) };
          },
        },
      }),
    );
    await createWindow();
  });
}
