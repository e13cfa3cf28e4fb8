export type ToolId = 'compare' | 'zone' | 'env' | 'inspect';

export interface ToolEntry {
  id: ToolId;
  name: string;
  summary: string;
}

export const tools: readonly ToolEntry[] = [
  { id: 'compare', name: 'File Compare', summary: 'Digests and exact comparison of two files.' },
  { id: 'zone', name: 'Zone Convert', summary: 'A wall time in one IANA time zone, shown in others.' },
  { id: 'env', name: 'Env Settings', summary: 'See the environment, edit PATH, set variables for good.' },
  {
    id: 'inspect',
    name: 'System Inspect',
    summary: 'OpenSSL, libraries, Python packages and TLS certificates.',
  },
];
