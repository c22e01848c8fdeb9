#include "mllp/MllpConnection.hpp"

#include <Poco/Logger.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SecureStreamSocket.h>

#include <algorithm>

#include "common/ServerTls.hpp"
#include "intake/BatchIntake.hpp"
#include "intake/Er7FallbackAck.hpp"
#include "mllp/MllpFrameReader.hpp"
#include "mllp/MllpListener.hpp"

namespace gw::mllp {

namespace {

using Clock = std::chrono::steady_clock;

Poco::Logger& logger() { return Poco::Logger::get("gateway.mllp"); }

std::string framed(const std::string& content) {
  std::string out;
  out.reserve(content.size() + 3);
  out += kStartBlock;
  out += content;
  out += kEndBlock;
  out += kCarriageReturn;
  return out;
}

// MLLP release 2 commit acknowledgements: the message is committed (or settled for good), or it is not.
const std::string kCommitAck = framed("\x06");
const std::string kCommitNak = framed("\x15");

Poco::Timespan timespan(Clock::duration d) {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
  return Poco::Timespan(std::max<std::int64_t>(micros, 1000));
}

}  // namespace

void MllpConnection::run() {
  auto config = services_.context.config.get();
  const PartnerConfig* hospital = config->hospital(hospital_);
  if (!hospital || !hospital->mllp.enabled) return;  // removed by a reload while this connection was queued
  stats_.opened();
  listener_.track(socket());
  try {
    source_ = socket().peerAddress().host().toString();
    if (admit(hospital->mllp)) serve(hospital->mllp);
  } catch (const Poco::Exception& e) {
    logger().notice("%s: MLLP connection from %s ended: %s", hospital_, source_, e.displayText());
  } catch (const std::exception& e) {
    logger().error("%s: MLLP connection from %s failed: %s", hospital_, source_, std::string(e.what()));
  }
  listener_.untrack(socket());
  stats_.closed();
}

bool MllpConnection::admit(const MllpConfig& config) {
  if (!config.allowedSources.empty()) {
    const Poco::Net::IPAddress address = socket().peerAddress().host();
    const bool allowed = std::any_of(config.allowedSources.begin(), config.allowedSources.end(),
                                     [&](const AddressRange& range) { return range.contains(address); });
    if (!allowed) {
      refuse(Refusal::source, "the source address is not in allowed_sources", true);
      return false;
    }
  }
  socket().setKeepAlive(true);
  socket().setNoDelay(true);
  socket().setSendTimeout(Poco::Timespan(config.frameTimeoutSeconds, 0));
  if (!config.tls.enabled) return true;
  socket().setReceiveTimeout(Poco::Timespan(config.frameTimeoutSeconds, 0));
  Poco::Net::SecureStreamSocket secure(socket());
  try {
    secure.completeHandshake();
  } catch (const Poco::Exception& e) {
    // No certificate, one the CA did not sign, an expired one, or not TLS 1.2+: OpenSSL says which.
    refuse(Refusal::tls, "TLS handshake failed: " + e.displayText(), true);
    return false;
  }
  if (!secure.havePeerCertificate()) {
    refuse(Refusal::certificate, "no client certificate", true);
    return false;
  }
  const Poco::Net::X509Certificate certificate = secure.peerCertificate();
  if (!config.tls.clientSha256.empty() && certificateSha256(certificate) != config.tls.clientSha256) {
    refuse(Refusal::certificate, "the client certificate is not the one pinned (client_certificate_sha256)", true);
    return false;
  }
  if (!config.tls.clientSubject.empty() && certificateSubject(certificate) != config.tls.clientSubject) {
    refuse(Refusal::certificate, "the client certificate's subject is not the one pinned (client_subject)", true);
    return false;
  }
  return true;
}

void MllpConnection::serve(const MllpConfig& config) {
  MllpFrameReader reader(config.maxFrameBytes);
  std::string buffer(64 * 1024, '\0');
  Clock::time_point frameStarted{};
  std::uint64_t outsideCounted = 0;
  for (;;) {
    const bool inFrame = reader.inFrame();
    const Clock::duration wait = inFrame ? frameStarted + std::chrono::seconds(config.frameTimeoutSeconds) - Clock::now()
                                         : std::chrono::seconds(config.idleTimeoutSeconds);
    if (inFrame && wait <= Clock::duration::zero()) {
      refuse(Refusal::frameTimeout,
             "a frame did not end within " + std::to_string(config.frameTimeoutSeconds) + " s (" +
                 std::to_string(reader.partial().size()) + " bytes); nothing stored",
             false);
      return;
    }
    socket().setReceiveTimeout(timespan(wait));
    int received = 0;
    try {
      received = socket().receiveBytes(buffer.data(), static_cast<int>(buffer.size()));
    } catch (const Poco::TimeoutException&) {
      if (reader.inFrame()) continue;  // the frame's deadline is checked above
      logger().information("%s: MLLP connection from %s idle for %d s, closed", hospital_, source_,
                           config.idleTimeoutSeconds);
      return;
    } catch (const Poco::Exception&) {
      received = 0;  // reset, or a TLS session ended without its close alert: the peer is gone either way
    }
    if (received <= 0) {
      if (reader.inFrame())
        refuse(Refusal::partialFrame,
               "the connection closed inside a frame (" + std::to_string(reader.partial().size()) +
                   " bytes); nothing stored",
               false);
      return;
    }
    reader.feed(std::string_view(buffer.data(), static_cast<std::size_t>(received)));
    if (reader.bytesOutsideFrames() != outsideCounted) {
      stats_.outside(reader.bytesOutsideFrames() - outsideCounted);
      outsideCounted = reader.bytesOutsideFrames();
    }
    std::string message;
    bool completed = false;
    while (reader.next(message)) {
      completed = true;
      stats_.frame();
      write(process(config, std::move(message)));
    }
    if (reader.oversize()) {
      const std::string why = "the frame exceeds max_frame_bytes (" + std::to_string(config.maxFrameBytes) +
                              " bytes); nothing stored";
      write(config.release == 2 ? kCommitNak : framed(er7FallbackAck(reader.partial(), "AR", why)));
      refuse(Refusal::frameTooLarge, why, false);
      return;
    }
    // A frame begun in these bytes has its whole deadline from now.
    if (reader.inFrame() && (!inFrame || completed)) frameStarted = Clock::now();
  }
}

std::string MllpConnection::process(const MllpConfig& config, std::string message) {
  const auto started = Clock::now();
  auto gatewayConfig = services_.context.config.get();
  auto routes = services_.plugins.snapshot();  // held until the answer is written
  IntakeRequest request{hospital_, config.contentType, std::move(message), source_};
  if (isHl7Batch(request.body)) {
    BatchOutcome batch = receiveHl7Batch(services_.intake, request, *gatewayConfig, *routes);
    logger().information("%s: MLLP batch from %s: %s", hospital_, source_, batch.summary());
    std::string frames;
    if (config.release == 2) {
      frames = batch.errors > 0 ? kCommitNak : kCommitAck;  // a resent batch repeats only what was not committed
    } else if (config.batchAckPerMessage) {
      for (const auto& ack : batch.acks) frames += framed(ack);
    } else {
      frames = framed(batch.ackBatch);
    }
    stats_.acknowledged(std::chrono::duration<double>(Clock::now() - started).count());
    return frames;
  }
  IntakeResponse answer = services_.intake.receive(request, *gatewayConfig, *routes);
  std::string frame;
  if (config.release == 2) {
    // Committed means settled: accepted, or refused for good (a resend would be refused again). AE is not
    // committed: the sender should send it again.
    frame = answer.outcome == "AE" ? kCommitNak : kCommitAck;
  } else if (answer.contentType.find("json") == std::string::npos) {
    frame = framed(answer.body);
  } else {
    frame = framed(er7FallbackAck(request.body, answer.outcome == "AR" ? "AR" : "AE", answer.reason));
  }
  stats_.acknowledged(std::chrono::duration<double>(Clock::now() - started).count());
  return frame;
}

void MllpConnection::refuse(Refusal reason, const std::string& why, bool audit) {
  stats_.refused(reason);
  logger().warning("%s: MLLP connection from %s refused: %s", hospital_, source_, why);
  if (audit)
    services_.context.audit.append(
        {"hospital:" + hospital_, "auth.fail", "hospitals/" + hospital_ + "/mllp", "denied", why, source_});
}

void MllpConnection::write(const std::string& frame) {
  // One send for the whole frame: a start byte alone in a packet confuses some receivers.
  std::size_t sent = 0;
  while (sent < frame.size()) {
    const int n = socket().sendBytes(frame.data() + sent, static_cast<int>(frame.size() - sent));
    if (n <= 0) throw Poco::Net::ConnectionResetException("the peer stopped reading");
    sent += static_cast<std::size_t>(n);
  }
}

}  // namespace gw::mllp
