import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

/**
 * What a file is, read from its headers the way the dynamic loaders read it: ELF (Linux and the
 * BSDs) or Mach-O (macOS, thin or fat). Only the bytes needed are read, with sizes bounded, so a
 * huge or hostile file cannot make it read gigabytes.
 */
export type BinaryInfo = ElfInfo | MachoInfo;

export interface ElfInfo {
  format: 'elf';
  bits: 32 | 64;
  littleEndian: boolean;
  machine: number;
  /** 2 executable, 3 shared object (also position-independent executables). */
  type: number;
  interpreter: string | null;
  soname: string | null;
  needed: string[];
  rpath: string[];
  runpath: string[];
  /** DF_1_NODEFLIB: the loader must not use its cache or default folders for this object's needs. */
  noDefaultLib: boolean;
}

export interface MachoInfo {
  format: 'macho';
  cpuType: number;
  /** 6 dylib, 2 executable, 8 bundle (a Python extension module). */
  fileType: number;
  installName: string | null;
  needed: { name: string; weak: boolean }[];
  rpath: string[];
  /** The slices of a fat file, when it has several. */
  slices: number[];
}

const MAX_HEADER_BYTES = 1 << 20;
const MAX_STRINGS_BYTES = 16 << 20;

export const ELF_MACHINES: Record<number, string> = {
  3: 'x86',
  8: 'MIPS',
  20: 'PowerPC',
  21: 'PowerPC64',
  22: 's390',
  40: 'ARM',
  62: 'x86-64',
  183: 'AArch64',
  243: 'RISC-V',
};

export const MACHO_CPUS: Record<number, string> = {
  7: 'x86',
  0x01000007: 'x86_64',
  12: 'arm',
  0x0100000c: 'arm64',
};

/** The ELF machine and Mach-O CPU type of this process's architecture. */
export function hostArch(arch: string = process.arch): {
  elf: number | null;
  macho: number | null;
  bits: 32 | 64;
} {
  switch (arch) {
    case 'x64':
      return { elf: 62, macho: 0x01000007, bits: 64 };
    case 'arm64':
      return { elf: 183, macho: 0x0100000c, bits: 64 };
    case 'ia32':
      return { elf: 3, macho: 7, bits: 32 };
    case 'arm':
      return { elf: 40, macho: 12, bits: 32 };
    case 'riscv64':
      return { elf: 243, macho: null, bits: 64 };
    case 'ppc64':
      return { elf: 21, macho: null, bits: 64 };
    case 's390x':
      return { elf: 22, macho: null, bits: 64 };
    default:
      return { elf: null, macho: null, bits: 64 };
  }
}

async function readAt(file: FileHandle, offset: number, length: number): Promise<Buffer> {
  if (length < 0 || length > MAX_STRINGS_BYTES) throw new Error(`a header asks for ${length} bytes`);
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, offset);
  if (bytesRead < length) throw new Error('the file ends inside its headers');
  return buffer;
}

function cString(buffer: Buffer, offset: number): string {
  if (offset < 0 || offset >= buffer.length) throw new Error('a name points outside the string table');
  const end = buffer.indexOf(0, offset);
  return buffer.toString('utf8', offset, end < 0 ? buffer.length : end);
}

// An empty entry stays: ld.so reads it as the current folder.
const splitPaths = (text: string) => (text === '' ? [] : text.split(':'));

async function readElf(file: FileHandle, ident: Buffer): Promise<ElfInfo> {
  const bits = ident[4] === 2 ? 64 : ident[4] === 1 ? 32 : null;
  const little = ident[5] === 1 ? true : ident[5] === 2 ? false : null;
  if (bits === null || little === null) throw new Error('an ELF file of unknown class or byte order');
  const header = await readAt(file, 0, bits === 64 ? 64 : 52);
  const u16 = (b: Buffer, o: number) => (little ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (b: Buffer, o: number) => (little ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const word = (b: Buffer, o: number) =>
    bits === 64 ? Number(little ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o)) : u32(b, o);
  const sword = (b: Buffer, o: number) =>
    bits === 64
      ? Number(little ? b.readBigInt64LE(o) : b.readBigInt64BE(o))
      : little
        ? b.readInt32LE(o)
        : b.readInt32BE(o);
  const type = u16(header, 16);
  const machine = u16(header, 18);
  const phoff = word(header, bits === 64 ? 32 : 28);
  const phentsize = u16(header, bits === 64 ? 54 : 42);
  const phnum = u16(header, bits === 64 ? 56 : 44);
  const info: ElfInfo = {
    format: 'elf',
    bits,
    littleEndian: little,
    machine,
    type,
    interpreter: null,
    soname: null,
    needed: [],
    rpath: [],
    runpath: [],
    noDefaultLib: false,
  };
  if (phnum === 0) return info;
  if (phentsize * phnum > MAX_HEADER_BYTES) throw new Error('too many program headers');
  const table = await readAt(file, phoff, phentsize * phnum);
  const loads: { vaddr: number; offset: number; filesz: number }[] = [];
  let dynamic: { offset: number; size: number } | null = null;
  for (let i = 0; i < phnum; i++) {
    const at = i * phentsize;
    const pType = u32(table, at);
    const offset = word(table, at + (bits === 64 ? 8 : 4));
    const vaddr = word(table, at + (bits === 64 ? 16 : 8));
    const filesz = word(table, at + (bits === 64 ? 32 : 16));
    if (pType === 1) loads.push({ vaddr, offset, filesz });
    else if (pType === 2) dynamic = { offset, size: filesz };
    else if (pType === 3) {
      const text = await readAt(file, offset, Math.min(filesz, 4096));
      info.interpreter = cString(text, 0);
    }
  }
  if (!dynamic) return info;
  const entries = await readAt(file, dynamic.offset, Math.min(dynamic.size, MAX_HEADER_BYTES));
  const entrySize = bits === 64 ? 16 : 8;
  const tags: [number, number][] = [];
  for (let at = 0; at + entrySize <= entries.length; at += entrySize) {
    const tag = sword(entries, at);
    if (tag === 0) break;
    tags.push([tag, word(entries, at + entrySize / 2)]);
  }
  const value = (tag: number) => tags.find(([t]) => t === tag)?.[1];
  const strtab = value(5);
  const strsz = value(10);
  if (strtab === undefined || strsz === undefined)
    throw new Error('a dynamic section without a string table');
  // DT_STRTAB is an address: the PT_LOAD segment holding it gives its place in the file.
  const segment = loads.find((load) => strtab >= load.vaddr && strtab < load.vaddr + load.filesz);
  if (!segment) throw new Error('the string table lies outside the loaded segments');
  const strings = await readAt(
    file,
    segment.offset + (strtab - segment.vaddr),
    Math.min(strsz, MAX_STRINGS_BYTES),
  );
  for (const [tag, val] of tags) {
    if (tag === 1) info.needed.push(cString(strings, val));
    else if (tag === 14) info.soname = cString(strings, val);
    else if (tag === 15) info.rpath.push(...splitPaths(cString(strings, val)));
    else if (tag === 29) info.runpath.push(...splitPaths(cString(strings, val)));
    else if (tag === 0x6ffffffb) info.noDefaultLib = (val & 0x800) !== 0;
  }
  return info;
}

const MH_MAGIC = 0xfeedface;
const MH_MAGIC_64 = 0xfeedfacf;
const FAT_MAGIC = 0xcafebabe;

async function readMachoAt(file: FileHandle, base: number, slices: number[]): Promise<MachoInfo> {
  const head = await readAt(file, base, 32);
  const magic = head.readUInt32LE(0);
  const little = magic === MH_MAGIC || magic === MH_MAGIC_64;
  const u32 = (b: Buffer, o: number) => (little ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const is64 = u32(head, 0) === MH_MAGIC_64;
  const cpuType = u32(head, 4);
  const fileType = u32(head, 12);
  const ncmds = u32(head, 16);
  const sizeofcmds = u32(head, 20);
  if (sizeofcmds > MAX_HEADER_BYTES) throw new Error('load commands too large');
  const commands = await readAt(file, base + (is64 ? 32 : 28), sizeofcmds);
  const info: MachoInfo = {
    format: 'macho',
    cpuType,
    fileType,
    installName: null,
    needed: [],
    rpath: [],
    slices,
  };
  let at = 0;
  for (let i = 0; i < ncmds && at + 8 <= commands.length; i++) {
    const cmd = u32(commands, at);
    const size = u32(commands, at + 4);
    if (size < 8 || at + size > commands.length) throw new Error('a load command runs past the headers');
    const name = () => cString(commands.subarray(at, at + size), u32(commands, at + 8));
    if (cmd === 0xc || cmd === 0x20 || cmd === 0x8000001f) info.needed.push({ name: name(), weak: false });
    else if (cmd === 0x80000018) info.needed.push({ name: name(), weak: true });
    else if (cmd === 0xd) info.installName = name();
    else if (cmd === 0x8000001c) info.rpath.push(name());
    at += size;
  }
  return info;
}

async function readMacho(file: FileHandle, magic: number, preferredCpu: number | null): Promise<MachoInfo> {
  if (magic !== FAT_MAGIC) return readMachoAt(file, 0, []);
  const count = (await readAt(file, 4, 4)).readUInt32BE(0);
  if (count === 0 || count > 64) throw new Error('a fat file with an odd number of slices');
  const table = await readAt(file, 8, count * 20);
  const slices = Array.from({ length: count }, (_, i) => ({
    cpu: table.readUInt32BE(i * 20),
    offset: table.readUInt32BE(i * 20 + 8),
  }));
  const chosen = slices.find((slice) => slice.cpu === preferredCpu) ?? slices[0]!;
  return readMachoAt(
    file,
    chosen.offset,
    slices.map((slice) => slice.cpu),
  );
}

/**
 * Reads a file's binary headers; null when it is neither ELF nor Mach-O (a text file, an archive).
 * Throws with a sentence when it claims to be one but its headers are broken.
 */
export async function readBinary(
  path: string,
  preferredCpu: number | null = hostArch().macho,
): Promise<BinaryInfo | null> {
  const file = await open(path, 'r');
  try {
    const ident = Buffer.alloc(16);
    const { bytesRead } = await file.read(ident, 0, 16, 0);
    if (bytesRead < 8) return null;
    if (ident.readUInt32BE(0) === 0x7f454c46) return await readElf(file, ident);
    const be = ident.readUInt32BE(0);
    const le = ident.readUInt32LE(0);
    // Java class files share 0xcafebabe; their second word (a version) is large, a fat file's is small.
    if (be === FAT_MAGIC && ident.readUInt32BE(4) < 64) return await readMacho(file, be, preferredCpu);
    if (le === MH_MAGIC || le === MH_MAGIC_64 || be === MH_MAGIC || be === MH_MAGIC_64)
      return await readMacho(file, be, preferredCpu);
    return null;
  } finally {
    await file.close();
  }
}

/** "ELF 64-bit x86-64 shared object", "Mach-O arm64 dylib". */
export function describeBinary(info: BinaryInfo): string {
  if (info.format === 'elf') {
    const kind =
      info.type === 3
        ? info.interpreter
          ? 'executable (PIE)'
          : 'shared object'
        : info.type === 2
          ? 'executable'
          : `type ${info.type}`;
    return `ELF ${info.bits}-bit ${ELF_MACHINES[info.machine] ?? `machine ${info.machine}`} ${kind}`;
  }
  const kinds: Record<number, string> = { 2: 'executable', 6: 'dylib', 8: 'bundle' };
  return `Mach-O ${MACHO_CPUS[info.cpuType] ?? `cpu ${info.cpuType}`} ${kinds[info.fileType] ?? `type ${info.fileType}`}`;
}

/** The file matches this machine: the loader would load it. */
export function matchesHost(info: BinaryInfo, host = hostArch()): boolean {
  if (info.format === 'elf') return info.machine === host.elf && info.bits === host.bits;
  return info.cpuType === host.macho || info.slices.includes(host.macho ?? -1);
}
