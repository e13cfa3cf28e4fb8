import { describe, expect, it } from 'vitest';
import { commands } from '../../src-main/cli/commands.ts';
import { channels } from '../../src-main/contract/channels.ts';
import { settingsSchema } from '../../src-main/contract/settings.ts';
import { TOOL_IDS, toolChannels } from '../../src-main/contract/tools.ts';
import { compareApi } from '../../src-main/tools/compare/handlers.ts';
import { envApi } from '../../src-main/tools/env/handlers.ts';
import { createHandlers } from '../../src-main/tools/handlers.ts';
import { inspectApi } from '../../src-main/tools/inspect/handlers.ts';
import { zoneApi } from '../../src-main/tools/zone/handlers.ts';
import { toolRuntimes } from '../../src-main/tools/registry.ts';
import { tools as toolPages } from '../../src-renderer/lib/tools.ts';

describe('tool registry', () => {
  it('the renderer has a page for exactly the tools main has, in the same order', () => {
    expect(toolPages.map((page) => page.id)).toEqual(TOOL_IDS);
    expect(Object.keys(toolRuntimes)).toEqual(TOOL_IDS);
  });

  it('each page has its own name and its own Ctrl+digit shortcut', () => {
    const names = toolPages.map((page) => page.name);
    const shortcuts = toolPages.map((page) => page.shortcut);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
    for (const page of toolPages) {
      expect(page.shortcut, page.id).toMatch(/^[1-9]$/);
      expect(page.summary.length, page.id).toBeGreaterThan(0);
    }
  });

  it('the saved last tool may be any tool and nothing else', () => {
    for (const id of TOOL_IDS) expect(settingsSchema.parse({ lastTool: id }).lastTool).toBe(id);
    expect(settingsSchema.safeParse({ lastTool: 'settings' }).success).toBe(false);
  });

  it('no two tools claim the same channel, and every tool channel is in the contract', () => {
    const names = TOOL_IDS.flatMap((id) => Object.keys(toolChannels[id]));
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(Object.keys(channels)).toContain(name);
  });

  it("each tool's code answers exactly the channels its contract names", async () => {
    for (const id of TOOL_IDS) {
      const handlers = await toolRuntimes[id].loadHandlers();
      expect(Object.keys(handlers).sort(), id).toEqual(Object.keys(toolChannels[id]).sort());
      for (const handler of Object.values(handlers)) expect(typeof handler).toBe('function');
    }
  });

  it("each tool's CLI calls its own part of the contract and its own handlers", async () => {
    const apis = { compare: compareApi, zone: zoneApi, env: envApi, inspect: inspectApi };
    for (const id of TOOL_IDS) {
      expect(apis[id].channels, id).toBe(toolChannels[id]);
      expect(apis[id].handlers, id).toBe(await toolRuntimes[id].loadHandlers());
    }
  });

  it('every channel of the contract has a handler in every face', () => {
    for (const face of ['electron', 'browser', 'cli'] as const) {
      const handlers = createHandlers(face);
      expect(Object.keys(handlers).sort(), face).toEqual(Object.keys(channels).sort());
    }
  });

  it('the CLI lists every tool’s commands, once each', async () => {
    const names = commands.map((command) => command.name);
    expect(new Set(names).size).toBe(names.length);
    for (const id of TOOL_IDS)
      for (const command of toolRuntimes[id].commands) expect(names).toContain(command.name);
  });
});
