import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { OpenedFiles } from '../tools/app/opened-files.ts';
import { createHandlers } from '../tools/handlers.ts';
import { openInSystemBrowser } from './open-browser.ts';
import { startWebServer } from './server.ts';

/** `npm run web`: serves the built renderer and every channel on 127.0.0.1, printing one line. */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { port: { type: 'string' }, open: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be a whole number from 0 to 65535, not "${values.port}".\n`);
    process.exit(2);
  }
  const rendererRoot = fileURLToPath(new URL('../../out/renderer', import.meta.url));
  // Files named after the options open in File Compare, as they do in the desktop app.
  const openedFiles = new OpenedFiles();
  await openedFiles.add(positionals, process.cwd());
  const web = await startWebServer({
    handlers: createHandlers('browser', { openedFiles }),
    rendererRoot,
    port,
  });
  process.stdout.write(`Suite listening at ${web.url}\n`);
  if (values.open) openInSystemBrowser(web.url);
  const stop = (): void => {
    void web.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  const message = code === 'EADDRINUSE' ? 'That port is already in use.' : String(error);
  process.stderr.write(`Browser mode could not start: ${message}\n`);
  process.exit(2);
});
