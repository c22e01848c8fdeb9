#include "intake/Hl7Batch.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/UUIDGenerator.h>

#include "intake/Er7Header.hpp"

namespace gw {

namespace {

std::string_view withoutPreamble(std::string_view body) {
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  const std::size_t start = body.find_first_not_of("\r\n \t");
  return start == std::string_view::npos ? std::string_view() : body.substr(start);
}

// The segments of `body`, whatever ends its lines; blank lines dropped.
std::vector<std::string_view> segmentsOf(std::string_view body) {
  std::vector<std::string_view> segments;
  std::size_t at = 0;
  while (at < body.size()) {
    std::size_t end = body.find_first_of("\r\n", at);
    if (end == std::string_view::npos) end = body.size();
    if (end > at) segments.push_back(body.substr(at, end - at));
    at = end + 1;
  }
  return segments;
}

bool startsWith(std::string_view segment, std::string_view name) { return segment.substr(0, 3) == name; }

// A header written by the gateway in answer to `original` (FHS or BHS): applications swapped, a control id of
// its own, and the original's control id as the reference.
std::string answerHeader(const std::string& original, std::string_view name) {
  const std::vector<std::string> in = er7HeaderFields(original, name);
  auto field = [&](std::size_t n) { return n < in.size() ? er7PlainText(in[n], 180) : std::string(); };
  return std::string(name) + "|^~\\&|" + field(5) + "|" + field(6) + "|" + field(3) + "|" + field(4) + "|" +
         Poco::DateTimeFormatter::format(Poco::DateTime(), "%Y%m%d%H%M%S") + "||||" +
         Poco::UUIDGenerator::defaultGenerator().createRandom().toString().substr(0, 20) + "|" + field(11) + "\r";
}

}  // namespace

bool isHl7Batch(std::string_view body) {
  const std::string_view start = withoutPreamble(body);
  return startsWith(start, "FHS") || startsWith(start, "BHS");
}

Hl7Batch splitHl7Batch(std::string_view body) {
  Hl7Batch batch;
  std::string* message = nullptr;
  for (std::string_view segment : segmentsOf(withoutPreamble(body))) {
    if (startsWith(segment, "FHS") || startsWith(segment, "BHS") || startsWith(segment, "BTS") ||
        startsWith(segment, "FTS")) {
      if (startsWith(segment, "FHS") && batch.fileHeader.empty()) batch.fileHeader = segment;
      if (startsWith(segment, "BHS") && batch.batchHeader.empty()) batch.batchHeader = segment;
      message = nullptr;
      continue;
    }
    if (startsWith(segment, "MSH")) message = &batch.messages.emplace_back();
    // A segment before any MSH belongs to no message: it becomes a message of its own, which its adapter
    // refuses with a reason, rather than vanishing without an answer.
    if (!message) message = &batch.messages.emplace_back();
    message->append(segment);
    message->push_back('\r');
  }
  return batch;
}

std::string hl7BatchAck(const Hl7Batch& batch, const std::vector<std::string>& acks) {
  std::string out;
  if (!batch.fileHeader.empty()) out += answerHeader(batch.fileHeader, "FHS");
  out += answerHeader(batch.batchHeader, "BHS");
  for (const auto& ack : acks) {
    out += ack;
    if (!ack.empty() && ack.back() != '\r' && ack.back() != '\n') out += '\r';
  }
  out += "BTS|" + std::to_string(acks.size()) + "\r";
  if (!batch.fileHeader.empty()) out += "FTS|1\r";
  return out;
}

}  // namespace gw
