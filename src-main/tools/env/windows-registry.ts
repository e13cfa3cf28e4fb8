import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { z } from 'zod';
import { SuiteError } from '../../core/suite-error.ts';

export const USER_KEY = 'HKCU\\Environment';
export const MACHINE_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment';

export const valueSchema = z.object({ value: z.string(), kind: z.string() });
/** One registry value, unexpanded; `kind` is .NET's RegistryValueKind name: String, ExpandString, DWord … */
export type RegistryValue = z.output<typeof valueSchema>;
export type RegistryKey = Record<string, RegistryValue>;

/** Windows variable names, and so registry value names, are case-insensitive: Path is PATH. */
export const sameName = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

/** The entry of a name in any letter case, with the spelling it has there. */
export function findNamed<T>(values: Record<string, T>, name: string): [string, T] | undefined {
  return Object.entries(values).find(([candidate]) => sameName(candidate, name));
}

/** REG_SZ and REG_EXPAND_SZ: the kinds that hold variables, and the only ones the app changes. */
export const isTextKind = (kind: string) => kind === 'String' || kind === 'ExpandString';

/** A %NAME% reference, which only a REG_EXPAND_SZ value expands. */
export const VARIABLE_REFERENCE = /%([^%;]+)%/;

/** Where Windows keeps the variables every new program gets. */
export interface EnvironmentRegistry {
  /** HKCU\Environment and the machine's environment key, values unexpanded. */
  read(): Promise<{ user: RegistryKey; machine: RegistryKey }>;
  /** Sets one value of HKCU\Environment, or deletes it (null), then tells running programs. */
  write(name: string, value: RegistryValue | null): Promise<void>;
}

/**
 * Windows PowerShell, present on every Windows 10 and 11, does the registry work through .NET's
 * Registry class, so REG_EXPAND_SZ stays REG_EXPAND_SZ (setx and [Environment]::SetEnvironmentVariable
 * turn it into REG_SZ). Then WM_SETTINGCHANGE "Environment" tells Explorer, so programs started from
 * now on get the change. The request arrives as JSON on stdin and the answer leaves as JSON on
 * stdout, both pure ASCII, so no code page or command-line quoting can touch a value.
 */
const SCRIPT = String.raw`
$ErrorActionPreference = 'Stop'
function Write-Answer($answer) {
  $json = ConvertTo-Json -InputObject $answer -Compress -Depth 4
  [Console]::Out.Write([regex]::Replace($json, '[^\x00-\x7F]', { param($m) '\u{0:x4}' -f [int][char]$m.Value }))
}
function Read-Key($key) {
  $values = @{}
  if ($null -ne $key) {
    foreach ($name in $key.GetValueNames()) {
      if ($name -eq '') { continue }
      $values[$name] = @{
        value = [string]$key.GetValue($name, '', 'DoNotExpandEnvironmentNames')
        kind = $key.GetValueKind($name).ToString()
      }
    }
  }
  $values
}
try {
  $request = [Console]::In.ReadToEnd() | ConvertFrom-Json
  if ($request.op -eq 'write') {
    $key = [Microsoft.Win32.Registry]::CurrentUser.CreateSubKey('Environment')
    if ($null -eq $request.value) { $key.DeleteValue($request.name, $false) }
    else { $key.SetValue($request.name, [string]$request.value.value, [Microsoft.Win32.RegistryValueKind]$request.value.kind) }
    $key.Close()
    Add-Type -Namespace DevUtilSuite -Name Native -MemberDefinition '[DllImport("user32.dll", SetLastError = true, CharSet = CharSet.Unicode)] public static extern IntPtr SendMessageTimeout(IntPtr hWnd, uint Msg, UIntPtr wParam, string lParam, uint fuFlags, uint uTimeout, out UIntPtr lpdwResult);'
    $result = [UIntPtr]::Zero
    # HWND_BROADCAST, WM_SETTINGCHANGE, SMTO_ABORTIFHUNG, 5 s per window.
    [void][DevUtilSuite.Native]::SendMessageTimeout([IntPtr]0xffff, 0x1A, [UIntPtr]::Zero, 'Environment', 2, 5000, [ref]$result)
    Write-Answer @{ ok = $true }
  } else {
    $user = [Microsoft.Win32.Registry]::CurrentUser.OpenSubKey('Environment')
    $machine = [Microsoft.Win32.Registry]::LocalMachine.OpenSubKey('SYSTEM\CurrentControlSet\Control\Session Manager\Environment')
    Write-Answer @{ user = (Read-Key $user); machine = (Read-Key $machine) }
  }
} catch {
  Write-Answer @{ error = $_.Exception.Message }
  exit 1
}
`;

const TIMEOUT_MS = 30_000;

/** JSON with every character beyond ASCII escaped, as the script reads it whatever the code page. */
export const asciiJson = (value: unknown) =>
  JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

const answerSchema = z.union([
  z.object({ error: z.string() }),
  z.object({ ok: z.literal(true) }),
  z.object({ user: z.record(z.string(), valueSchema), machine: z.record(z.string(), valueSchema) }),
]);

function runPowershell(env: NodeJS.ProcessEnv, request: object): Promise<z.output<typeof answerSchema>> {
  const executable = join(
    env.SystemRoot ?? 'C:\\Windows',
    'System32',
    'WindowsPowerShell',
    'v1.0',
    'powershell.exe',
  );
  const encoded = Buffer.from(SCRIPT, 'utf16le').toString('base64');
  return new Promise((resolve, reject) => {
    const child = spawn(
      executable,
      ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encoded],
      { windowsHide: true, stdio: ['pipe', 'pipe', 'ignore'] },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const timer = setTimeout(() => {
      child.kill();
      reject(new SuiteError('TIMEOUT', `Windows PowerShell did not answer within ${TIMEOUT_MS / 1000} s.`));
    }, TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(
        new SuiteError('FAILED', `Could not start Windows PowerShell (${executable}): ${error.message}`),
      );
    });
    child.on('close', () => {
      clearTimeout(timer);
      try {
        resolve(answerSchema.parse(JSON.parse(stdout.replace(/^\uFEFF/, ''))));
      } catch {
        reject(new SuiteError('FAILED', 'Windows PowerShell gave no readable answer about the registry.'));
      }
    });
    child.stdin.end(asciiJson(request));
  });
}

export function powershellRegistry(env: NodeJS.ProcessEnv): EnvironmentRegistry {
  const call = async (request: object) => {
    const answer = await runPowershell(env, request);
    if ('error' in answer) throw new SuiteError('FAILED', `The registry refused: ${answer.error}`);
    return answer;
  };
  return {
    async read() {
      const answer = await call({ op: 'read' });
      if (!('user' in answer))
        throw new SuiteError('FAILED', 'Windows PowerShell did not list the registry.');
      return { user: answer.user, machine: answer.machine };
    },
    async write(name, value) {
      await call({ op: 'write', name, value });
    },
  };
}
