import type { Command } from '../../cli/command.ts';
import { appInfo } from './info.ts';

export const infoCommand: Command = {
  name: 'info',
  summary: 'Show the versions of the suite and the runtime',
  usage: '[--json]',
  async run() {
    const info = appInfo('cli');
    const lines = [`${info.name} ${info.version} (${info.platform}/${info.arch})`];
    for (const [name, version] of Object.entries(info.versions)) lines.push(`  ${name.padEnd(8)} ${version}`);
    return { exitCode: 0, json: info, text: `${lines.join('\n')}\n` };
  },
};
