#include "claims/ClaimPage.hpp"

#include <gw/kit/Profile.hpp>

#include <Poco/JSON/Array.h>

#include <deque>
#include <set>

#include "common/Json.hpp"
#include "common/StoreValues.hpp"
#include "store/ResourceRepository.hpp"

namespace gw {

namespace {

// How far references are followed from a Claim: Claim → Coverage → Organization is two steps.
constexpr int kDepth = 2;

}  // namespace

std::string claimPageBundle(Database& db, Poco::Data::Session& s, const std::string& insurer,
                            const std::vector<std::string>& claimIds) {
  using Poco::Data::Keywords::into;
  using Poco::Data::Keywords::now;
  using Poco::Data::Keywords::use;
  std::string who = insurer, at = utcTimestamp();
  Poco::Int64 page = 0;
  s << db.sql("INSERT INTO outbox_page (insurer, created_at) VALUES (?, ?) RETURNING page"), use(who), use(at),
      into(page), now;
  for (std::size_t i = 0; i < claimIds.size(); ++i) {
    int position = static_cast<int>(i + 1);
    std::string claim = claimIds[i];
    s << db.sql("INSERT INTO outbox_page_claim (page, position, claim_id) VALUES (?, ?, ?)"), use(page),
        use(position), use(claim), now;
  }

  ResourceRepository repository(db);
  Poco::JSON::Object::Ptr bundle = jsonObject();
  bundle->set("resourceType", std::string("Bundle"));
  bundle->set("id", newId());
  Poco::JSON::Object::Ptr identifier = jsonObject();
  identifier->set("system", std::string(kit::profile::kOutboxPageSystem));
  identifier->set("value", std::to_string(page));
  bundle->set("identifier", identifier);
  bundle->set("type", std::string("collection"));
  Poco::JSON::Array::Ptr entries = new Poco::JSON::Array;
  std::set<std::string> included;
  std::deque<std::pair<std::string, int>> pending;  // reference, depth
  for (const auto& id : claimIds) pending.push_back({"Claim/" + id, 0});
  while (!pending.empty()) {
    auto [reference, depth] = pending.front();
    pending.pop_front();
    if (!included.insert(reference).second) continue;
    auto slash = reference.find('/');
    auto stored = repository.current(s, reference.substr(0, slash), reference.substr(slash + 1));
    if (!stored) continue;  // the adapter names whatever a Claim needs and is missing
    Poco::JSON::Object::Ptr resource = parseJsonObject(stored->body, reference);
    Poco::JSON::Object::Ptr entry = jsonObject();
    entry->set("fullUrl", reference);
    entry->set("resource", resource);
    entries->add(entry);
    if (depth >= kDepth) continue;
    for (const auto& link : ResourceRepository::linksOf(resource))
      if (!included.count(link.target)) pending.push_back({link.target, depth + 1});
  }
  bundle->set("entry", entries);
  return toJson(bundle);
}

}  // namespace gw

namespace gw {

std::string claimAtPagePosition(Database& db, Poco::Data::Session& s, const std::string& insurer,
                                const std::string& pagePosition) {
  using Poco::Data::Keywords::into;
  using Poco::Data::Keywords::now;
  using Poco::Data::Keywords::use;
  auto slash = pagePosition.find('/');
  if (slash == std::string::npos) return "";
  Poco::Int64 page = 0;
  int position = 0;
  try {
    page = std::stoll(pagePosition.substr(0, slash));
    position = std::stoi(pagePosition.substr(slash + 1));
  } catch (const std::exception&) {
    return "";
  }
  std::string who = insurer;
  std::vector<std::string> claims;
  s << db.sql("SELECT c.claim_id FROM outbox_page_claim c JOIN outbox_page p ON p.page = c.page "
              "WHERE c.page = ? AND c.position = ? AND p.insurer = ?"),
      use(page), use(position), use(who), into(claims), now;
  return claims.empty() ? "" : claims.front();
}

}  // namespace gw
