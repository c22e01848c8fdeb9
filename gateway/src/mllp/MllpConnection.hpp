// One MLLP connection from a hospital: checks who it is (address, certificate), reads frames within the
// listener's limits, hands each message to the intake in order and writes its acknowledgement after the commit.
#pragma once

#include <Poco/Net/TCPServerConnection.h>

#include <chrono>
#include <string>

#include "config/MllpConfig.hpp"
#include "intake/IntakeServices.hpp"
#include "mllp/MllpStats.hpp"

namespace gw::mllp {

class MllpListener;

class MllpConnection : public Poco::Net::TCPServerConnection {
 public:
  MllpConnection(const Poco::Net::StreamSocket& socket, std::string hospital, IntakeServices& services,
                 MllpStats& stats, MllpListener& listener)
      : TCPServerConnection(socket), hospital_(std::move(hospital)), services_(services), stats_(stats),
        listener_(listener) {}

  void run() override;

 private:
  // False (refused, counted, audited and logged) when the peer may not send as this hospital.
  bool admit(const MllpConfig& config);
  void serve(const MllpConfig& config);
  // The message's (or batch's) outcome, as the bytes to write back: whole frames.
  std::string process(const MllpConfig& config, std::string message);
  void refuse(Refusal reason, const std::string& why, bool audit);
  void write(const std::string& frame);

  std::string hospital_;
  IntakeServices& services_;
  MllpStats& stats_;
  MllpListener& listener_;
  std::string source_;
};

}  // namespace gw::mllp
