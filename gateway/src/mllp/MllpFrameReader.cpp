#include "mllp/MllpFrameReader.hpp"

namespace gw::mllp {

void MllpFrameReader::feed(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size() && !oversize_) {
    switch (state_) {
      case State::outside: {
        // Noise between frames (keep-alive newlines, a stray end byte) is skipped in one step.
        const std::size_t start = bytes.find(kStartBlock, i);
        const std::size_t skipped = (start == std::string_view::npos ? bytes.size() : start) - i;
        outside_ += skipped;
        i += skipped;
        if (start != std::string_view::npos) {
          state_ = State::inFrame;
          ++i;
        }
        break;
      }
      case State::inFrame: {
        const std::size_t end = bytes.find_first_of(std::string_view("\x0b\x1c", 2), i);
        const std::size_t stop = end == std::string_view::npos ? bytes.size() : end;
        if (partial_.size() + (stop - i) > maxFrameBytes_) {
          partial_.append(bytes.substr(i, std::min(stop - i, maxFrameBytes_ - partial_.size())));
          oversize_ = true;
          return;
        }
        partial_.append(bytes.substr(i, stop - i));
        i = stop;
        if (end == std::string_view::npos) break;
        ++i;
        if (bytes[end] == kStartBlock) {
          // A new start before this frame's end: the sender abandoned it and begins again.
          outside_ += partial_.size() + 1;
          ++abandoned_;
          partial_.clear();
        } else {
          complete_.push_back(std::move(partial_));
          partial_.clear();
          state_ = State::afterEnd;
        }
        break;
      }
      case State::afterEnd:
        // The end is 0x1C 0x0D; a sender that omits the 0x0D still ended its frame at 0x1C.
        if (bytes[i] == kCarriageReturn) ++i;
        state_ = State::outside;
        break;
    }
  }
}

bool MllpFrameReader::next(std::string& frame) {
  if (complete_.empty()) return false;
  frame = std::move(complete_.front());
  complete_.pop_front();
  return true;
}

}  // namespace gw::mllp
