// SegmentMappers.hpp: one function per HL7 v2 segment (or segment group) that adds FHIR resources
// for it to the Bundle in the mapping context. The message mapper calls them in segment order.
#pragma once

#include "MappingContext.hpp"
#include "Message.hpp"

#include <cstddef>

namespace gw::hl7v2 {

// The partner hospital as an Organization (from MSH-4 and the partner id); returns its fullUrl.
std::string addHospital(MappingContext& ctx);

void mapPid(MappingContext& ctx, const Segment& pid);   // Patient (starts a new patient)
void mapPd1(MappingContext& ctx, const Segment& pd1);   // Patient.generalPractitioner
void mapNk1(MappingContext& ctx, const Segment& nk1);   // Patient.contact
void mapMrg(MappingContext& ctx, const Segment& mrg);   // merged-away Patient, linked (merge events only)
void linkPatients(MappingContext& ctx);                  // ADT^A24: the two Patients link each other
void mapPv1(MappingContext& ctx, const Segment& pv1);   // Encounter (+ Practitioners)
void mapPv2(MappingContext& ctx, const Segment& pv2);   // Encounter.reasonCode
void mapObx(MappingContext& ctx, const Segment& obx, const Segment* obr);  // Observation
// OBR (with the ORC before it, if any): DiagnosticReport for results (ORU, OUL), ServiceRequest for orders
// (ORM, OML) and order acknowledgements (ORL).
void mapObr(MappingContext& ctx, const Segment& obr, const Segment* orc);
bool isResultEvent(const std::string& event);
bool isOrderEvent(const std::string& event);
void mapAl1(MappingContext& ctx, const Segment& al1);   // AllergyIntolerance
void mapIam(MappingContext& ctx, const Segment& iam);   // AllergyIntolerance (ADT^A60 adverse reaction update)
void mapDg1(MappingContext& ctx, const Segment& dg1);   // Condition (+ Encounter.diagnosis)
void mapPr1(MappingContext& ctx, const Segment& pr1);   // Procedure
void mapGt1(MappingContext& ctx, const Segment& gt1);   // RelatedPerson (guarantor)
void mapIn1(MappingContext& ctx, const Segment& in1);   // Coverage (+ payer Organization)
void mapFt1(MappingContext& ctx, const Segment& ft1);   // ChargeItem
// TXA and the OBX after it (segments[first..]): DocumentReference (MDM).
void mapDocument(MappingContext& ctx, const std::vector<Segment>& segments, std::size_t first);
// SCH and its resource groups (segments[first..end) of the message): Appointment.
void mapSchedule(MappingContext& ctx, const std::vector<Segment>& segments, std::size_t first);

}  // namespace gw::hl7v2
