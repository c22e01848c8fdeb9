#!/usr/bin/python3
"""Writes adapters/hl7v2/src/FieldLimits.cpp: HL7 v2 maximum repetitions and lengths of the fields the adapter reads.

    gen_field_limits.py NHAPI_GIT_DIR [OUTPUT]

NHAPI_GIT_DIR is a clone (bare or not) of https://github.com/nHapiNET/nHapi; its generated model classes
(src/NHapi.Model.V25/Segment/PID.cs, ...) tabulate the HL7 v2 database: each field is one line
    this.add(typeof(TYPE), required, maxReps, length, ..., "Name");
in field order (maxReps 0: unbounded; length 0: no maximum). Only those numbers are read; no nHapi code is copied.
Run by hand (CI has no nHapi), from the repository root:
    adapters/hl7v2/tools/gen_field_limits.py /work/.mirror/nHapiNET+nHapi/repo
and commit the output. When a mapper starts reading another field, add it to READ_FIELDS and run it again.
Python standard library only.
"""
import os
import re
import subprocess
import sys

# The versions nHapi models, as MSH-12 names them (V21 and V22 have no segment classes for most of what is read).
VERSIONS = ["2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.7.1", "2.8", "2.8.1"]

# The fields the segment mappers read (src/*Mapping.cpp, MessageMapper.cpp, Acknowledgement.cpp, Message.cpp).
# MSH-1 and MSH-2 are the separators themselves and are checked by the reader and checkEncodingCharacters.
READ_FIELDS = {
    "MSH": [3, 4, 5, 6, 7, 9, 10, 11, 12],
    "PID": [2, 3, 4, 5, 6, 7, 8, 11, 13, 14, 16, 19, 29, 30],
    "PD1": [4],
    "NK1": [2, 3, 4, 5, 6],
    "MRG": [1],
    "PV1": [2, 3, 7, 8, 9, 10, 14, 17, 19, 36, 44, 45],
    "PV2": [3],
    "ORC": [1, 2, 3, 5, 9, 12],
    "OBR": [2, 3, 4, 7, 16, 22, 25],
    "OBX": [2, 3, 5, 6, 7, 8, 11, 14, 16],
    "AL1": [2, 3, 4, 5, 6],
    "IAM": [2, 3, 4, 5, 6, 7, 11],
    "TXA": [2, 4, 5, 6, 9, 10, 12, 13, 16, 17, 22],
    "DG1": [3, 4, 5, 6, 15, 19],
    "PR1": [3, 4, 5, 8, 11, 12],
    "GT1": [2, 3, 5, 6, 7, 8, 9, 11],
    "IN1": [1, 2, 3, 4, 5, 8, 9, 12, 13, 15, 16, 17, 18, 19, 22, 36, 49],
    "FT1": [2, 4, 6, 7, 10, 11, 12, 13, 19, 20, 25],
    "SCH": [1, 2, 7, 8, 11, 25],
    "TQ1": [7, 8],
    "NTE": [3],
    "AIS": [3, 4, 7, 8],
    "AIP": [3, 4, 12],
    "AIL": [3, 4, 12],
    "AIG": [3, 4, 14],
}

# Where a version's length cannot hold what the same version defines for the field, the length of the next
# version that fixed it is used, so that a conforming value is never reported: {(segment, field): (versions, length, why)}.
CORRECTIONS = {
    ("OBX", 2): (["2.3", "2.4", "2.5", "2.5.1"], 3, "table 0125 has three-letter value types (CWE, XAD); 2.6 says 3"),
    ("IN1", 17): (["2.3"], 3, "table 0063 has three-letter relationships (SEL, SPO, ...)"),
    ("GT1", 11): (["2.3"], 3, "table 0063 has three-letter relationships (SEL, SPO, ...)"),
    ("MSH", 9): (["2.3.1"], 15, "2.3.1 added MSH-9.3, the message structure (ADT^A01^ADT_A01); 2.4 says 15"),
}

ADD_RE = re.compile(r"this\.add\(typeof\(\w+\),\s*(?:true|false),\s*(\d+),\s*(\d+),")


def model_file(repo, version, segment):
    path = "src/NHapi.Model.V%s/Segment/%s.cs" % (version.replace(".", ""), segment)
    if os.path.isdir(os.path.join(repo, "src")):
        full = os.path.join(repo, path)
        return open(full, encoding="utf-8-sig").read() if os.path.exists(full) else None
    done = subprocess.run(["git", "-C", repo, "show", "HEAD:" + path], capture_output=True)
    return done.stdout.decode("utf-8-sig") if done.returncode == 0 else None


def limits_of(repo, version):
    """{(segment, field): (maxReps, length)} for the read fields the version defines."""
    out = {}
    for segment, fields in READ_FIELDS.items():
        text = model_file(repo, version, segment)
        if text is None:
            continue  # TQ1 and IAM appear in v2.4/v2.5; older versions have no such segment
        added = [(int(reps), int(length)) for reps, length in ADD_RE.findall(text)]
        for field in fields:
            if field <= len(added):
                reps, length = added[field - 1]
                versions, corrected, _ = CORRECTIONS.get((segment, field), ([], 0, ""))
                out[(segment, field)] = (reps, corrected if version in versions and length < corrected else length)
    return out


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    repo = sys.argv[1]
    output = sys.argv[2] if len(sys.argv) == 3 else os.path.join(os.path.dirname(__file__), "..", "src",
                                                                 "FieldLimits.cpp")
    tables = [(version, limits_of(repo, version)) for version in VERSIONS]
    if not all(limits for _, limits in tables):
        sys.exit("no segment classes found for some version under " + repo)
    # Versions whose limits are the same for every read field share one table.
    groups = []  # [(versions, limits)]
    for version, limits in tables:
        for versions, known in groups:
            if known == limits:
                versions.append(version)
                break
        else:
            groups.append(([version], limits))

    lines = [
        "// FieldLimits.cpp: GENERATED by adapters/hl7v2/tools/gen_field_limits.py; do not edit. Regenerate with",
        "//   adapters/hl7v2/tools/gen_field_limits.py <nHapi clone>   (from the repository root)",
        "// The maximum repetitions and lengths per field are the HL7 v2 standard's (its database), as tabulated in the",
        "// generated model classes of nHapi (https://github.com/nHapiNET/nHapi, src/NHapi.Model.V*/Segment/*.cs,",
        "// MPL-1.1); only the numbers were extracted, for the fields the mappers read (READ_FIELDS in the script).",
        "// Corrected where a version's length cannot hold what that version defines for the field (CORRECTIONS):",
    ] + ["//   %s-%d in v%s: %d, %s" % (segment, field, ", v".join(versions), length, why)
         for (segment, field), (versions, length, why) in sorted(CORRECTIONS.items())] + [
        "// Rows: segment, field, max repetitions (0: unbounded), max length (0: no maximum); sorted by segment, field.",
        '#include "FieldLimits.hpp"',
        "",
        "namespace gw::hl7v2::generated {",
        "",
    ]
    for index, (versions, limits) in enumerate(groups):
        lines.append("// HL7 v%s" % ", v".join(versions))
        lines.append("const FieldLimit kTable%d[] = {" % index)
        rows = ["{\"%s\", %d, %d, %d}" % (segment, field, reps, length)
                for (segment, field), (reps, length) in sorted(limits.items())]
        line = "   "
        for row in rows:
            if len(line) + len(row) + 2 > 118:
                lines.append(line)
                line = "   "
            line += " " + row + ","
        lines.append(line)
        lines.append("};")
        lines.append("")
    lines.append("const VersionTable kVersionTables[] = {")
    for index, (versions, limits) in enumerate(groups):
        for version in versions:
            lines.append("    {\"%s\", kTable%d, sizeof(kTable%d) / sizeof(kTable%d[0])}," % (version, index, index, index))
    lines.append("};")
    lines.append("const std::size_t kVersionTableCount = sizeof(kVersionTables) / sizeof(kVersionTables[0]);")
    lines.append("")
    lines.append("}  // namespace gw::hl7v2::generated")
    with open(output, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    print("%s: %d versions in %d tables, %d rows" % (output, len(VERSIONS), len(groups),
                                                     sum(len(limits) for _, limits in groups)))


if __name__ == "__main__":
    main()
