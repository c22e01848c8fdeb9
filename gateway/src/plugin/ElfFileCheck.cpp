#include "plugin/ElfFileCheck.hpp"

#include <elf.h>

#include <cstring>
#include <fstream>
#include <vector>

#include "plugin/PluginRefused.hpp"

namespace gw {

namespace {

std::string bytes(std::uint64_t n) { return std::to_string(n) + " bytes"; }

}  // namespace

void checkElfSharedObject(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw PluginRefused("unreadable", "cannot open the file");
  const std::uint64_t size = static_cast<std::uint64_t>(in.tellg());
  in.seekg(0);
  Elf64_Ehdr header{};
  in.read(reinterpret_cast<char*>(&header), sizeof header);
  const auto got = static_cast<std::uint64_t>(in.gcount());
  if (got < SELFMAG || std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0)
    throw PluginRefused("not_elf", "not an ELF file (no ELF magic number)");
  if (got < sizeof header)
    throw PluginRefused("truncated", "truncated: the file has " + bytes(size) + ", shorter than an ELF header");
  if (header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_ident[EI_DATA] != ELFDATA2LSB || header.e_machine != EM_X86_64)
    throw PluginRefused("not_elf", "an ELF file for another machine (this host loads 64-bit little-endian x86-64)");
  if (header.e_type != ET_DYN) throw PluginRefused("not_elf", "an ELF file but not a shared object");

  // Every table and loadable segment the headers describe must lie inside the file.
  auto within = [size](std::uint64_t offset, std::uint64_t length) {
    return offset <= size && length <= size - offset;
  };
  const std::uint64_t programTable = std::uint64_t(header.e_phnum) * header.e_phentsize;
  const std::uint64_t sectionTable = std::uint64_t(header.e_shnum) * header.e_shentsize;
  if (!within(header.e_phoff, programTable) || !within(header.e_shoff, sectionTable))
    throw PluginRefused("truncated", "truncated: the ELF header describes tables beyond the end of the file (" +
                                         bytes(size) + ")");
  if (header.e_phentsize != sizeof(Elf64_Phdr))
    throw PluginRefused("not_elf", "an ELF file with an unexpected program header size");
  std::vector<Elf64_Phdr> segments(header.e_phnum);
  in.seekg(static_cast<std::streamoff>(header.e_phoff));
  in.read(reinterpret_cast<char*>(segments.data()), static_cast<std::streamsize>(programTable));
  if (!in) throw PluginRefused("unreadable", "cannot read the ELF program headers");
  for (const auto& segment : segments) {
    if (segment.p_type == PT_LOAD && !within(segment.p_offset, segment.p_filesz))
      throw PluginRefused("truncated", "truncated: a loadable segment ends at byte " +
                                           std::to_string(segment.p_offset + segment.p_filesz) + " but the file has " +
                                           bytes(size));
  }
}

}  // namespace gw
