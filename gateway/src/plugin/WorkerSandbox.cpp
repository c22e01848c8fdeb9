#include "plugin/WorkerSandbox.hpp"

#include <fcntl.h>
#include <sched.h>
#include <seccomp.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

namespace gw::worker {

namespace {

void limit(int resource, rlim_t value, const char* name) {
  rlimit bound{value, value};
  if (::setrlimit(resource, &bound) != 0)
    throw std::runtime_error(std::string("cannot set ") + name + ": " + std::strerror(errno));
}

struct FilterDeleter {
  void operator()(void* filter) const { seccomp_release(static_cast<scmp_filter_ctx>(filter)); }
};

void rule(scmp_filter_ctx filter, std::uint32_t action, int syscall, std::initializer_list<scmp_arg_cmp> args = {}) {
  const int rc = seccomp_rule_add_array(filter, action, syscall, static_cast<unsigned>(args.size()),
                                        args.size() ? args.begin() : nullptr);
  // A system call this kernel or architecture does not have cannot be made either.
  if (rc != 0 && rc != -EDOM && rc != -EFAULT)
    throw std::runtime_error("cannot add a seccomp rule: " + std::string(std::strerror(-rc)));
}

}  // namespace

void applySandbox(int memoryMb) {
  limit(RLIMIT_CORE, 0, "RLIMIT_CORE");  // a core file would hold partner data
#ifndef __SANITIZE_ADDRESS__
  limit(RLIMIT_AS, static_cast<rlim_t>(memoryMb) << 20, "RLIMIT_AS");
#else
  (void)memoryMb;
#endif

  std::unique_ptr<void, FilterDeleter> owned(seccomp_init(SCMP_ACT_ALLOW));
  if (!owned) throw std::runtime_error("cannot create a seccomp filter");
  auto filter = static_cast<scmp_filter_ctx>(owned.get());
  const std::uint32_t kill = SCMP_ACT_KILL_PROCESS;

  // The network.
  for (int call : {SCMP_SYS(socket), SCMP_SYS(socketpair), SCMP_SYS(connect), SCMP_SYS(bind), SCMP_SYS(listen),
                   SCMP_SYS(accept), SCMP_SYS(accept4)})
    rule(filter, kill, call);
  // Other processes: threads may be started (clone with CLONE_THREAD), processes not. clone3 passes its
  // flags in memory a filter cannot read: it answers ENOSYS, and glibc then falls back to clone.
  rule(filter, kill, SCMP_SYS(clone), {SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0)});
  rule(filter, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3));
  for (int call : {SCMP_SYS(fork), SCMP_SYS(vfork), SCMP_SYS(execve), SCMP_SYS(execveat), SCMP_SYS(ptrace),
                   SCMP_SYS(process_vm_writev), SCMP_SYS(process_vm_readv), SCMP_SYS(io_uring_setup)})
    rule(filter, kill, call);
  // Signals only to itself (abort raises SIGABRT with tgkill on its own process).
  const auto self = static_cast<scmp_datum_t>(::getpid());
  rule(filter, kill, SCMP_SYS(kill), {SCMP_A0(SCMP_CMP_NE, self)});
  rule(filter, kill, SCMP_SYS(tgkill), {SCMP_A0(SCMP_CMP_NE, self)});
  // Files: opened for reading only; nothing created, renamed, removed or changed.
  for (int flag : {O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND}) {
    const auto bit = static_cast<scmp_datum_t>(flag);
    rule(filter, kill, SCMP_SYS(open), {SCMP_A1(SCMP_CMP_MASKED_EQ, bit, bit)});
    rule(filter, kill, SCMP_SYS(openat), {SCMP_A2(SCMP_CMP_MASKED_EQ, bit, bit)});
  }
  rule(filter, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(openat2));  // its flags are in memory too; glibc falls back
  for (int call : {SCMP_SYS(creat), SCMP_SYS(rename), SCMP_SYS(renameat), SCMP_SYS(renameat2), SCMP_SYS(unlink),
                   SCMP_SYS(unlinkat), SCMP_SYS(mkdir), SCMP_SYS(mkdirat), SCMP_SYS(rmdir), SCMP_SYS(truncate),
                   SCMP_SYS(link), SCMP_SYS(linkat), SCMP_SYS(symlink), SCMP_SYS(symlinkat), SCMP_SYS(mknod),
                   SCMP_SYS(mknodat), SCMP_SYS(chmod), SCMP_SYS(fchmodat), SCMP_SYS(chown), SCMP_SYS(lchown),
                   SCMP_SYS(fchownat), SCMP_SYS(utimensat), SCMP_SYS(setxattr), SCMP_SYS(lsetxattr)})
    rule(filter, kill, call);
  // seccomp_load sets no_new_privs first (libseccomp's default), so the filter needs no privilege.
  if (const int rc = seccomp_load(filter); rc != 0)
    throw std::runtime_error("cannot load the seccomp filter: " + std::string(std::strerror(-rc)));
}

}  // namespace gw::worker
