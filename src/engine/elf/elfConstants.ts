// Numbers from the ELF gABI and the Linux/GNU extensions Salvage reads. Named here once so parsers
// read like the specification (System V ABI, "ELF Header", "Program Header", "Sections", "Notes";
// Linux include/uapi/linux/elf.h for the core notes).

export const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46];
export const ELFCLASS64 = 2;
export const ELFDATA2LSB = 1;
export const EM_X86_64 = 62;

export const ET_EXEC = 2;
export const ET_CORE = 4;

/** Sizes of the 64-bit structures. */
export const EHDR_SIZE = 64;
export const PHDR_SIZE = 56;
export const SHDR_SIZE = 64;
export const CHDR_SIZE = 24;

/** e_phnum value meaning "the real count is in section 0's sh_info". */
export const PN_XNUM = 0xffff;
export const SHN_UNDEF = 0;
/** e_shstrndx value meaning "the real index is in section 0's sh_link". */
export const SHN_XINDEX = 0xffff;
/** First reserved section index: symbols with st_shndx at or above it are absolute, common, ... */
export const SHN_LORESERVE = 0xff00;

export const PT_LOAD = 1;
export const PT_NOTE = 4;
export const PT_GNU_EH_FRAME = 0x6474e550;

export const PF_X = 1;

export const SHT_SYMTAB = 2;
export const SHT_NOTE = 7;
export const SHT_NOBITS = 8;
export const SHT_DYNSYM = 11;

export const SHF_EXECINSTR = 0x4;
export const SHF_COMPRESSED = 0x800;
export const ELFCOMPRESS_ZLIB = 1;
export const ELFCOMPRESS_ZSTD = 2;

export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_GNU_IFUNC = 10;
export const SYM_SIZE = 24;

/** Note types of a core's "CORE" notes (linux/elf.h) and of "GNU" notes. */
export const NT_PRSTATUS = 1;
export const NT_PRPSINFO = 3;
export const NT_AUXV = 6;
export const NT_SIGINFO = 0x53494749;
export const NT_FILE = 0x46494c45;
export const NT_GNU_BUILD_ID = 3;
