#!/usr/bin/env node
// read-acknowledgement.js FILE...: what an independent X12 parser (node-x12, installed for
// tools/x12-validator) reads in what the x12 adapter writes besides 837s (999 and TA1 acknowledgements, 278
// service review requests), printed as JSON for
// the C++ tests, one entry per file: {"strictError": null or node-x12's message, "diagnostics": [...],
// "segments": [["ISA", "00", ...], ["TA1", ...], ...]}.
// The envelope is checked by node-x12 in strict mode (ISA length, SE01/GE01/IEA01 counts, SE02/GE02/IEA02
// control numbers). node-x12 does not know TA1, the interchange-level segment that sits outside any group,
// so an interchange holding one is checked strictly without it; its elements are read all the same.
'use strict';
const fs = require('fs');
const { X12Parser } = require('node-x12');

// Every segment as node-x12's stream parser splits it, in the delimiters it detects from the ISA.
function segmentsOf(text) {
  return new Promise((resolve, reject) => {
    const parser = new X12Parser(false);
    const segments = [];
    parser.on('data', (segment) => segments.push(segment));
    parser.on('error', reject);
    // Its flush always says a document needs a functional group; an interchange of TA1s rightly has none.
    const said = () => parser.diagnostics.map((d) => d.message).filter((m) => !m.includes('at least one functional group'));
    parser.on('end', () => resolve({ segments, diagnostics: said() }));
    parser.end(text);
    parser.resume();
  });
}

async function read(file) {
  const text = fs.readFileSync(file, 'utf8');
  const { segments, diagnostics } = await segmentsOf(text);
  let strictError = null;
  try {
    if (segments.some((s) => s.tag === 'TA1')) {
      new X12Parser(true).getInterchangeFromSegments(segments.filter((s) => s.tag !== 'TA1'));
    } else {
      new X12Parser(true).parse(text);
    }
  } catch (e) {
    strictError = e.message;
  }
  return { strictError, diagnostics, segments: segments.map((s) => [s.tag, ...s.elements.map((e) => e.value)]) };
}

(async () => {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: read-acknowledgement.js FILE...');
    process.exit(2);
  }
  const results = [];
  for (const file of files) results.push(await read(file));
  console.log(JSON.stringify(results));
})().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
