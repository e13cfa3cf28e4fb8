import { build } from 'electron-builder';
import { builderConfig } from '../electron.config.ts';
import { ensureBuilt } from './build.ts';

/** `npm run dist`: a fresh build, then the installers of electron.config.ts's targets for this platform. */
ensureBuilt(true);
try {
  const files = await build({ config: builderConfig, publish: 'never' });
  process.stdout.write(`Built:\n${files.map((file) => `  ${file}`).join('\n')}\n`);
} catch (error) {
  process.stderr.write(
    `The installers could not be built: ${(error as Error).message}\n` +
      'electron-builder downloads the Electron runtime and its packaging tools for each target; an offline machine cannot.\n',
  );
  process.exit(1);
}
