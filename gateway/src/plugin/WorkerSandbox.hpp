// What a worker process may do, set by the worker on itself before it loads any plugin code: no core dumps,
// a bounded address space, and a seccomp filter under which opening a network socket, writing a file,
// starting a process or signalling another one kills the worker (SIGSYS).
#pragma once

namespace gw::worker {

// Throws std::runtime_error when a limit cannot be set (the worker then refuses to serve).
// `memoryMb` bounds the address space; under AddressSanitizer, which reserves terabytes of it, the host bounds
// the resident size through ASAN_OPTIONS instead.
void applySandbox(int memoryMb);

}  // namespace gw::worker
