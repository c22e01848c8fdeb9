// What gatewayd writes to stderr if an exception ever escapes a thread (std::terminate): the
// exception's type and message and the stack of the thread it escaped, so that the site can be found
// from one occurrence. (Issue 13, item 14: once, under load at SIGTERM, "terminate called after
// throwing an instance of 'Poco::SystemException'" with nothing to say where.)
#pragma once

namespace gw {

void installTerminateReport();

}  // namespace gw
