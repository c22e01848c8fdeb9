#include "plugin/WorkerProtocol.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace gw::worker {

namespace {

// Waits until `fd` is ready for `events` or the deadline passes.
void await(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    int timeoutMs = -1;
    if (deadline != Clock::time_point::max()) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) throw ChannelError(ChannelError::Kind::deadline, "no answer before the deadline");
      timeoutMs = static_cast<int>(left) + 1;
    }
    pollfd p{fd, events, 0};
    const int ready = ::poll(&p, 1, timeoutMs);
    if (ready > 0) return;
    if (ready < 0 && errno != EINTR) throw ChannelError(ChannelError::Kind::closed, std::strerror(errno));
  }
}

void readExactly(int fd, char* into, std::size_t size, Clock::time_point deadline) {
  while (size > 0) {
    const ssize_t got = ::read(fd, into, size);
    if (got > 0) {
      into += got;
      size -= static_cast<std::size_t>(got);
    } else if (got == 0) {
      throw ChannelError(ChannelError::Kind::closed, "the channel closed");
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
      await(fd, POLLIN, deadline);
    } else if (errno != EINTR) {
      throw ChannelError(ChannelError::Kind::closed, std::strerror(errno));
    }
  }
}

}  // namespace

void sendFrame(int fd, const std::vector<std::string_view>& fields, Clock::time_point deadline) {
  std::vector<std::uint32_t> header;
  header.reserve(fields.size() + 1);
  header.push_back(static_cast<std::uint32_t>(fields.size()));
  for (const auto& field : fields) header.push_back(static_cast<std::uint32_t>(field.size()));
  std::vector<iovec> parts;
  parts.push_back({header.data(), header.size() * sizeof(std::uint32_t)});
  for (const auto& field : fields)
    if (!field.empty()) parts.push_back({const_cast<char*>(field.data()), field.size()});
  std::size_t next = 0;
  while (next < parts.size()) {
    msghdr message{};
    message.msg_iov = &parts[next];
    message.msg_iovlen = std::min<std::size_t>(parts.size() - next, IOV_MAX);
    // MSG_NOSIGNAL: a worker that died is an error here, not a SIGPIPE for the whole gateway.
    const ssize_t sent = ::sendmsg(fd, &message, MSG_NOSIGNAL);
    if (sent < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        await(fd, POLLOUT, deadline);
        continue;
      }
      if (errno == EINTR) continue;
      throw ChannelError(ChannelError::Kind::closed, std::strerror(errno));
    }
    auto left = static_cast<std::size_t>(sent);
    while (next < parts.size() && left >= parts[next].iov_len) left -= parts[next++].iov_len;
    if (left > 0) {
      parts[next].iov_base = static_cast<char*>(parts[next].iov_base) + left;
      parts[next].iov_len -= left;
    }
  }
}

std::vector<std::string> receiveFrame(int fd, Clock::time_point deadline) {
  // Three reads whatever the number of fields (count, sizes, every field's bytes): a call costs few system calls.
  std::uint32_t count = 0;
  readExactly(fd, reinterpret_cast<char*>(&count), sizeof count, deadline);
  if (count == 0 || count > 64) throw ChannelError(ChannelError::Kind::malformed, "a frame of " + std::to_string(count) + " fields");
  std::vector<std::uint32_t> sizes(count);
  readExactly(fd, reinterpret_cast<char*>(sizes.data()), count * sizeof(std::uint32_t), deadline);
  std::uint64_t total = 0;
  for (auto size : sizes) total += size;
  if (total > kMaxFrameBytes) throw ChannelError(ChannelError::Kind::malformed, "a frame of " + std::to_string(total) + " bytes");
  std::string bytes(total, '\0');
  readExactly(fd, bytes.data(), bytes.size(), deadline);
  std::vector<std::string> fields(count);
  std::size_t at = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    fields[i].assign(bytes, at, sizes[i]);
    at += sizes[i];
  }
  return fields;
}

std::vector<std::string> createFields(const CreateRequest& r) {
  const kit::XmlLimits& x = r.xmlLimits;
  return {std::string(kCreate), r.sourceFile, r.cachedCopy, r.sha256, r.adapter, r.partnerId,
          std::to_string(static_cast<int>(r.partnerKind)), r.optionsJson,
          std::to_string(x.maxAttributesPerElement), std::to_string(x.maxElements), std::to_string(x.maxNameBytes),
          std::to_string(x.maxDepth), std::to_string(r.memoryMb)};
}

CreateRequest createRequestOf(const std::vector<std::string>& f) {
  if (f.size() != 13 || f[0] != kCreate) throw ChannelError(ChannelError::Kind::malformed, "not a create frame");
  CreateRequest r;
  try {
    r.sourceFile = f[1];
    r.cachedCopy = f[2];
    r.sha256 = f[3];
    r.adapter = f[4];
    r.partnerId = f[5];
    r.partnerKind = static_cast<gw_adapter_kind>(std::stoi(f[6]));
    r.optionsJson = f[7];
    r.xmlLimits.maxAttributesPerElement = std::stoull(f[8]);
    r.xmlLimits.maxElements = std::stoull(f[9]);
    r.xmlLimits.maxNameBytes = std::stoull(f[10]);
    r.xmlLimits.maxDepth = std::stoi(f[11]);
    r.memoryMb = std::stoi(f[12]);
  } catch (const std::logic_error&) {
    throw ChannelError(ChannelError::Kind::malformed, "a create frame with a number that is not one");
  }
  return r;
}

std::vector<std::string_view> resultFields(const AdapterCallResult& result, std::string& statusText) {
  statusText = std::to_string(static_cast<int>(result.status));
  return {statusText,          result.output,        result.contentType, result.messageId, result.event,
          result.errorLocation, result.error,         result.issues,      result.reply,
          result.screenedOut ? std::string_view("1") : std::string_view("0")};
}

AdapterCallResult resultOf(std::vector<std::string>&& fields) {
  if (fields.size() != 10 || fields[0].empty() || fields[0].size() > 2 ||
      fields[0].find_first_not_of("0123456789") != std::string::npos)
    throw ChannelError(ChannelError::Kind::malformed, "an answer that is not a call result");
  AdapterCallResult result;
  const int status = std::stoi(fields[0]);
  if (status > GW_ERR_INTERNAL) throw ChannelError(ChannelError::Kind::malformed, "an answer with an unknown status");
  result.status = static_cast<gw_status>(status);
  result.output = std::move(fields[1]);
  result.contentType = std::move(fields[2]);
  result.messageId = std::move(fields[3]);
  result.event = std::move(fields[4]);
  result.errorLocation = std::move(fields[5]);
  result.error = std::move(fields[6]);
  result.issues = std::move(fields[7]);
  result.reply = std::move(fields[8]);
  result.screenedOut = fields[9] == "1";
  return result;
}

}  // namespace gw::worker
