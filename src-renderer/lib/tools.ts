import type { Component } from 'svelte';
import type { ToolId } from '../../src-main/contract/tools.ts';

export type { ToolId };

export interface ToolPage {
  id: ToolId;
  name: string;
  summary: string;
  /** The digit that, with Ctrl (⌘ on macOS), opens the tool. */
  shortcut: string;
  /** The tool's page, loaded when the tool is first opened. */
  load: () => Promise<{ default: Component }>;
}

/**
 * Every tool's page, in the navigation's order: the renderer's part of the tool registry (ids from
 * src-main/contract/tools.ts). Navigation, routing, shortcuts and the saved last tool follow from it.
 */
export const tools: readonly ToolPage[] = [
  {
    id: 'compare',
    name: 'File Compare',
    summary: 'Digests and exact comparison of two files.',
    shortcut: '1',
    load: () => import('../tools/compare/CompareTool.svelte'),
  },
  {
    id: 'zone',
    name: 'Zone Convert',
    summary: 'A wall time in one IANA time zone, shown in others.',
    shortcut: '2',
    load: () => import('../tools/zone/ZoneTool.svelte'),
  },
  {
    id: 'env',
    name: 'Env Settings',
    summary: 'See the environment, edit PATH, set variables for good.',
    shortcut: '3',
    load: () => import('../tools/env/EnvTool.svelte'),
  },
  {
    id: 'inspect',
    name: 'System Inspect',
    summary: 'OpenSSL, libraries, Python packages and TLS certificates.',
    shortcut: '4',
    load: () => import('../tools/inspect/InspectTool.svelte'),
  },
];
