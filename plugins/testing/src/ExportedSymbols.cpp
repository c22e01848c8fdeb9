#include "gw/testing/ExportedSymbols.hpp"

#include "gw/testing/TestFiles.hpp"

#include <elf.h>

#include <cstring>
#include <stdexcept>

namespace gw::testkit {

namespace {

// A struct of type T at `offset` of the file, checked to lie inside it.
template <class T>
T at(const std::string& file, std::size_t offset) {
  if (offset > file.size() || file.size() - offset < sizeof(T)) throw std::runtime_error("truncated ELF file");
  T value;
  std::memcpy(&value, file.data() + offset, sizeof(T));
  return value;
}

}  // namespace

std::vector<std::string> exportedSymbols(const std::string& path) {
  const std::string file = readFile(path);
  if (file.size() < EI_NIDENT || std::memcmp(file.data(), ELFMAG, SELFMAG) != 0 || file[EI_CLASS] != ELFCLASS64)
    throw std::runtime_error(path + " is not a 64-bit ELF file");
  const auto header = at<Elf64_Ehdr>(file, 0);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < header.e_shnum; ++i) {
    const auto section = at<Elf64_Shdr>(file, header.e_shoff + i * header.e_shentsize);
    if (section.sh_type != SHT_DYNSYM || section.sh_entsize == 0) continue;
    const auto strings = at<Elf64_Shdr>(file, header.e_shoff + section.sh_link * header.e_shentsize);
    if (strings.sh_offset > file.size() || file.size() - strings.sh_offset < strings.sh_size)
      throw std::runtime_error(path + ": the symbol names lie outside the file");
    for (std::size_t offset = 0; offset + sizeof(Elf64_Sym) <= section.sh_size; offset += section.sh_entsize) {
      const auto symbol = at<Elf64_Sym>(file, section.sh_offset + offset);
      const unsigned binding = ELF64_ST_BIND(symbol.st_info);
      if (symbol.st_shndx == SHN_UNDEF || (binding != STB_GLOBAL && binding != STB_WEAK)) continue;
      if (symbol.st_name >= strings.sh_size) throw std::runtime_error(path + ": a symbol name is out of its table");
      const char* name = file.data() + strings.sh_offset + symbol.st_name;
      names.emplace_back(name, strnlen(name, strings.sh_size - symbol.st_name));
    }
  }
  return names;
}

}  // namespace gw::testkit
