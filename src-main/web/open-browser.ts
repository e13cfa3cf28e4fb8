import { spawn } from 'node:child_process';

/** Opens the URL with the system browser where there is a display; silent where there is none. */
export function openInSystemBrowser(url: string): void {
  const command =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '', url]
        : process.env.DISPLAY || process.env.WAYLAND_DISPLAY
          ? ['xdg-open', url]
          : null;
  if (!command) return;
  const [file, ...args] = command as [string, ...string[]];
  const child = spawn(file, args, { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}
