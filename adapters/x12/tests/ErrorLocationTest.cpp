// The location texts decode gives, read back by the 999 reply.
#include "ErrorLocation.hpp"
#include "X12TestSupport.hpp"

using namespace gw::x12;

namespace {

void expectLocation(const char* text, std::size_t segment, std::size_t element) {
  ErrorLocation location = errorLocationOf(text);
  EXPECT_EQ(location.segment, segment) << text;
  EXPECT_EQ(location.element, element) << text;
}

}  // namespace

TEST(X12ErrorLocation, ReadsTheFormsDecodeWrites) {
  expectLocation("segment 57 (SE)", 57, 0);
  expectLocation("segment 12 (CLP) element 2", 12, 2);
  expectLocation("segment 8 CLP03", 8, 3);
  expectLocation("segment 9 N103", 9, 3);
  expectLocation("segment 5", 5, 0);
}

TEST(X12ErrorLocation, OtherTextNamesNothing) {
  expectLocation("", 0, 0);
  expectLocation("Claim/c1", 0, 0);
  expectLocation("ISA13", 0, 0);
}
