import { callChannel } from '../../cli/call-channel.ts';
import type { Command } from '../../cli/command.ts';
import { appChannels } from '../../contract/app.ts';
import { appInfo } from './info.ts';

export const infoCommand: Command = {
  name: 'info',
  summary: 'Show the versions of the suite and the runtime',
  usage: '[--json]',
  async run({ signal }) {
    // Through the dispatcher, as the app and browser mode ask it; only this one handler is needed.
    const handlers = { 'app.info': async () => appInfo('cli') };
    const info = await callChannel({ channels: appChannels, handlers }, 'app.info', {}, signal);
    const lines = [`${info.name} ${info.version} (${info.platform}/${info.arch})`];
    for (const [name, version] of Object.entries(info.versions)) lines.push(`  ${name.padEnd(8)} ${version}`);
    return { exitCode: 0, json: info, text: `${lines.join('\n')}\n` };
  },
};
