#include "claims/PreauthorizationBuilder.hpp"

#include <gw/kit/Money.hpp>
#include <gw/kit/Profile.hpp>

#include <Poco/JSON/Array.h>

#include <regex>

#include "claims/ClaimStore.hpp"
#include "claims/Coverage.hpp"
#include "claims/Money.hpp"
#include "common/StoreValues.hpp"
#include "store/Sql.hpp"

namespace gw {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

bool isDate(const std::string& text) { return std::regex_match(text, std::regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")); }

std::string required(const Object::Ptr& request, const std::string& key) {
  std::string value = request->optValue<std::string>(key, "");
  if (value.empty()) throw ClaimBuildError("the request has no " + key);
  return value;
}

// {"system", "code", "display"} as a CodeableConcept.
Object::Ptr conceptOf(const Object::Ptr& code, const std::string& where) {
  const std::string system = code ? code->optValue<std::string>("system", "") : "";
  const std::string value = code ? code->optValue<std::string>("code", "") : "";
  if (system.empty() || value.empty()) throw ClaimBuildError(where + " needs a system and a code");
  Object::Ptr concept = codeableConcept(system, value);
  if (std::string display = code->optValue<std::string>("display", ""); !display.empty())
    concept->getArray("coding")->getObject(0)->set("display", display);
  return concept;
}

}  // namespace

PreauthorizationResult PreauthorizationBuilder::build(Poco::Data::Session& s, const GatewayConfig& config,
                                                      const Object::Ptr& request) {
  ClaimStore store(db_, s);
  const std::string hospitalId = required(request, "hospital");
  const PartnerConfig* hospital = config.hospital(hospitalId);
  if (!hospital) throw ClaimBuildError("hospital '" + hospitalId + "' is not configured");
  const std::string patientRef = required(request, "patient");
  Object::Ptr patient = patientRef.rfind("Patient/", 0) == 0 ? store.load(patientRef) : nullptr;
  if (!patient) throw ClaimBuildError(patientRef + " does not exist");
  const std::string provider = required(request, "provider");
  if (provider.rfind("Practitioner/", 0) != 0 && provider.rfind("Organization/", 0) != 0)
    throw ClaimBuildError("provider must be a Practitioner/<id> or Organization/<id> reference");
  if (!store.load(provider)) throw ClaimBuildError(provider + " does not exist");
  const std::string admission = required(request, "admission");
  const std::string discharge = request->optValue<std::string>("discharge", "");
  if (!isDate(admission) || (!discharge.empty() && (!isDate(discharge) || discharge < admission)))
    throw ClaimBuildError("admission (and discharge) must be dates YYYY-MM-DD, discharge not before admission");
  const std::string type = request->optValue<std::string>("type", "institutional");
  if (type != "institutional" && type != "professional")
    throw ClaimBuildError("type must be institutional or professional");
  const std::string currency = request->optValue<std::string>("currency", hospital->contract.currency);

  PreauthorizationResult result;
  result.currency = currency;
  Payers found = payersOn(store, config, patientRef, patient, admission);
  if (found.payers.empty())
    throw ClaimBuildError(patientRef + " has no coverage by a configured insurer on " + admission +
                          ": nothing to pre-authorise");
  const Payer& payer = found.payers.front();
  result.insurer = payer.insurer;
  result.coverage = found.source;

  Array::Ptr services = request->getArray("services");
  if (!services || services->size() == 0) throw ClaimBuildError("the request has no planned services");
  Array::Ptr items = new Array;
  for (std::size_t i = 0; i < services->size(); ++i) {
    const std::string where = "services[" + std::to_string(i) + "]";
    Object::Ptr service = services->getObject(static_cast<unsigned>(i));
    if (!service) throw ClaimBuildError(where + " is not an object");
    auto estimate = service->has("estimate") ? toMinorUnits(service->get("estimate"), currency) : std::nullopt;
    if (!estimate || *estimate < 0)
      throw ClaimBuildError(where + ".estimate must be an exact amount of " + currency + " (at most " +
                            std::to_string(kit::minorDigits(currency)) + " decimals)");
    Object::Ptr item = jsonObject();
    item->set("sequence", static_cast<int>(i + 1));
    item->set("productOrService", conceptOf(service, where));
    item->set("servicedDate", admission);
    Object::Ptr quantity = jsonObject();
    quantity->set("value", service->optValue<int>("quantity", 1));
    item->set("quantity", quantity);
    item->set("net", moneyJson(*estimate, currency));
    items->add(item);
    result.totalMinor += *estimate;
  }

  result.id = newId();
  const std::string at = utcTimestamp();
  Object::Ptr claim = jsonObject();
  claim->set("resourceType", std::string("Claim"));
  claim->set("id", result.id);
  Array::Ptr identifiers = new Array;
  Object::Ptr identifier = jsonObject();
  identifier->set("system", std::string(kit::profile::kClaimSystem));
  identifier->set("value", result.id);
  identifiers->add(identifier);
  claim->set("identifier", identifiers);
  claim->set("status", std::string("active"));
  claim->set("type", codeableConcept("http://terminology.hl7.org/CodeSystem/claim-type", type));
  claim->set("use", std::string("preauthorization"));
  claim->set("patient", referenceTo(patientRef));
  Object::Ptr period = jsonObject();
  period->set("start", admission);
  if (!discharge.empty()) period->set("end", discharge);
  claim->set("billablePeriod", period);
  claim->set("created", at);
  claim->set("insurer", referenceTo(payer.insurerOrg));
  claim->set("provider", referenceTo(provider));
  claim->set("priority", codeableConcept("http://terminology.hl7.org/CodeSystem/processpriority", "normal"));
  Array::Ptr insurance = new Array;
  Object::Ptr focal = jsonObject();
  focal->set("sequence", 1);
  focal->set("focal", true);
  focal->set("coverage", referenceTo("Coverage/" + payer.coverage));
  insurance->add(focal);
  claim->set("insurance", insurance);
  if (type == "institutional") {
    // An inpatient stay: the admission period, as FHIR carries it (an X12 insurer gets a 278 admission review).
    Object::Ptr info = jsonObject();
    info->set("sequence", 1);
    info->set("category",
              codeableConcept("http://terminology.hl7.org/CodeSystem/claiminformationcategory", "admissionperiod"));
    info->set("timingPeriod", period);
    Array::Ptr infos = new Array;
    infos->add(info);
    claim->set("supportingInfo", infos);
  }
  if (Array::Ptr diagnoses = request->getArray("diagnosis"); diagnoses && diagnoses->size() > 0) {
    Array::Ptr diagnosis = new Array;
    for (std::size_t i = 0; i < diagnoses->size(); ++i) {
      Object::Ptr entry = jsonObject();
      entry->set("sequence", static_cast<int>(i + 1));
      entry->set("diagnosisCodeableConcept",
                 conceptOf(diagnoses->getObject(static_cast<unsigned>(i)), "diagnosis[" + std::to_string(i) + "]"));
      diagnosis->add(entry);
    }
    claim->set("diagnosis", diagnosis);
  }
  claim->set("item", items);
  claim->set("total", moneyJson(result.totalMinor, currency));
  store.save(claim);

  const std::string encounter = request->optValue<std::string>("encounter", "");
  runSql(db_, s,
         "INSERT INTO claim (id, insurer, hospital, encounter_id, patient_id, coverage_id, sequence, status, total_minor, "
         "currency, created_at, updated_at, claim_use) VALUES (?, ?, ?, ?, ?, ?, 1, 'built', ?, ?, ?, ?, 'preauthorization')",
         {result.id, payer.insurer, hospitalId, encounter.rfind("Encounter/", 0) == 0 ? encounter.substr(10) : encounter,
          patientRef.substr(8), payer.coverage, result.totalMinor, currency, at, at});
  runSql(db_, s, "INSERT INTO claim_event (claim_id, state, at, detail) VALUES (?, 'built', ?, ?)",
         {result.id, at, "pre-authorisation for " + admission + " at " + hospitalId});
  runSql(db_, s,
         "INSERT INTO claim_outbox (insurer, claim_id, status, created_at, updated_at, kind) "
         "VALUES (?, ?, 'ready', ?, ?, 'preauthorization')",
         {payer.insurer, result.id, at, at});
  return result;
}

}  // namespace gw
