// MLLP framing (HL7 v2 Appendix C): a message travels as 0x0B <bytes> 0x1C 0x0D. Bytes arrive in whatever
// pieces TCP makes of them; this collects whole frames, discards (and counts) bytes outside any frame, and
// stops a frame that grows past the limit before it is ever held whole.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

namespace gw::mllp {

inline constexpr char kStartBlock = 0x0B;
inline constexpr char kEndBlock = 0x1C;
inline constexpr char kCarriageReturn = 0x0D;

class MllpFrameReader {
 public:
  explicit MllpFrameReader(std::size_t maxFrameBytes) : maxFrameBytes_(maxFrameBytes) {}

  // Takes the next bytes from the connection. After oversize() nothing more is read.
  void feed(std::string_view bytes);

  // The next whole frame's content, in arrival order; false when none is complete.
  bool next(std::string& frame);

  bool inFrame() const { return state_ == State::inFrame; }
  // A frame passed the limit: the connection is answered and closed, the frame never handed on.
  bool oversize() const { return oversize_; }
  // The start of the frame being read (for an answer to an oversize frame: its MSH).
  const std::string& partial() const { return partial_; }
  std::uint64_t bytesOutsideFrames() const { return outside_; }
  // Frames abandoned by a new start byte before their end (the sender gave up on them).
  std::uint64_t framesAbandoned() const { return abandoned_; }

 private:
  enum class State { outside, inFrame, afterEnd };
  std::size_t maxFrameBytes_;
  State state_ = State::outside;
  std::string partial_;
  std::deque<std::string> complete_;
  std::uint64_t outside_ = 0;
  std::uint64_t abandoned_ = 0;
  bool oversize_ = false;
};

}  // namespace gw::mllp
