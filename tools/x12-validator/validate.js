#!/usr/bin/env node
// validate.js [--json] FILE...: parses each ASC X12 837 interchange with an independent parser
// (node-x12, strict: ISA length, SE/GE/IEA counts and control numbers) and then checks the 837
// structure the gateway relies on: guide versions, BHT, the HL hierarchy (20 → 22 → 23, HL04 child
// flags), SBR and NM1 per subscriber loop, CLM02 = the sum of the service lines, LX numbering, SV1
// diagnosis pointers, DTP dates. Prints every error and exits non-zero when any file has one.
// --json also prints, per file, what it read (claims, totals, member ids, codes) for the C++ tests.
'use strict';
const fs = require('fs');
const { X12Parser } = require('node-x12');

// The 5010 guides and their published errata (A1, A2, A3).
const GUIDES = ['005010X222A1', '005010X222A2', '005010X223A1', '005010X223A2', '005010X223A3'];

function cents(text) {
  if (!/^-?\d*(\.\d{1,2})?$/.test(text) || text === '' || text === '-') return NaN;
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const value = Number(whole || '0') * 100 + Number((fraction + '00').slice(0, 2));
  return text.startsWith('-') ? -value : value;
}

function validDate(text) {
  if (!/^\d{8}$/.test(text)) return false;
  const d = new Date(Date.UTC(+text.slice(0, 4), +text.slice(4, 6) - 1, +text.slice(6, 8)));
  return d.getUTCMonth() === +text.slice(4, 6) - 1 && d.getUTCDate() === +text.slice(6, 8);
}

function checkTransaction(tx, group, component, errors) {
  const at = (segment) => `ST ${tx.header.elements[1].value}, ${segment.tag}`;
  const el = (segment, n) => (segment.elements[n - 1] ? segment.elements[n - 1].value : '');
  const version = el(group.header, 8);
  if (el(tx.header, 1) !== '837') errors.push(`ST01 ${el(tx.header, 1)} is not 837`);
  if (!GUIDES.includes(version)) errors.push(`GS08 ${version} is not an 837 5010 guide (${GUIDES.join(', ')})`);
  if (el(tx.header, 3) !== version) errors.push(`ST03 ${el(tx.header, 3)} does not match GS08 ${version}`);
  const institutional = version.startsWith('005010X223');
  const segments = tx.segments;
  if (!segments.length || segments[0].tag !== 'BHT') errors.push(`ST ${el(tx.header, 2)}: BHT must follow ST`);
  for (const tag of ['NM1*41', 'NM1*40', 'NM1*85']) {
    if (!segments.some((s) => `${s.tag}*${el(s, 1)}` === tag)) errors.push(`ST ${el(tx.header, 2)}: no ${tag} segment`);
  }

  const summary = { control: el(tx.header, 2), version, claims: [], memberIds: [], hl: [] };
  const hls = [];
  let currentHl = null;
  let claim = null;
  let hiCount = 0;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s.tag === 'HL') {
      currentHl = { id: el(s, 1), parent: el(s, 2), level: el(s, 3), child: el(s, 4), segments: [] };
      if (currentHl.id !== String(hls.length + 1)) errors.push(`${at(s)}: HL01 ${currentHl.id}, expected ${hls.length + 1}`);
      const parent = hls.find((h) => h.id === currentHl.parent);
      const expectedParent = { 20: null, 22: '20', 23: '22' }[currentHl.level];
      if (expectedParent === undefined) errors.push(`${at(s)}: HL03 ${currentHl.level} is not 20, 22 or 23`);
      else if (expectedParent === null && currentHl.parent !== '') errors.push(`${at(s)}: a 20 HL has no parent`);
      else if (expectedParent !== null && (!parent || parent.level !== expectedParent))
        errors.push(`${at(s)}: HL ${currentHl.id} (${currentHl.level}) needs a ${expectedParent} parent, has ${currentHl.parent || 'none'}`);
      if (currentHl.level === '22' && (!segments[i + 1] || segments[i + 1].tag !== 'SBR'))
        errors.push(`${at(s)}: SBR must follow a subscriber HL`);
      hls.push(currentHl);
      summary.hl.push(currentHl.level);
      claim = null;
      continue;
    }
    if (currentHl) currentHl.segments.push(s);
    if (s.tag === 'NM1' && el(s, 1) === '85') {
      if (el(s, 8) !== 'XX' || !/^\d{10}$/.test(el(s, 9))) errors.push(`${at(s)}: billing provider NPI must be XX + 10 digits`);
    }
    if (s.tag === 'REF' && el(s, 1) === 'EI' && !/^\d{9}$/.test(el(s, 2))) errors.push(`${at(s)}: REF*EI must be 9 digits`);
    if (s.tag === 'NM1' && el(s, 1) === 'IL') {
      if (el(s, 8) !== 'MI' || !el(s, 9)) errors.push(`${at(s)}: NM1*IL needs MI and a member id`);
      summary.memberIds.push(el(s, 9));
    }
    if (s.tag === 'NM1' && el(s, 1) === 'PR' && (el(s, 8) !== 'PI' || !el(s, 9) || !el(s, 3)))
      errors.push(`${at(s)}: NM1*PR needs a payer name and PI id`);
    if (s.tag === 'SBR' && !['P', 'S', 'T', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'U'].includes(el(s, 1)))
      errors.push(`${at(s)}: SBR01 ${el(s, 1)} is not a payer responsibility code`);
    if (s.tag === 'DMG' && (el(s, 1) !== 'D8' || !validDate(el(s, 2)))) errors.push(`${at(s)}: DMG needs D8 and a valid date`);
    if (s.tag === 'CLM') {
      if (!currentHl || (currentHl.level !== '22' && currentHl.level !== '23')) errors.push(`${at(s)}: CLM outside a 22/23 HL`);
      if (currentHl && currentHl.level === '22' && currentHl.child !== '0') errors.push(`${at(s)}: CLM under a 22 HL that has a patient HL`);
      if (!el(s, 1) || el(s, 1).length > 38) errors.push(`${at(s)}: CLM01 must be 1 to 38 characters`);
      const total = cents(el(s, 2));
      if (Number.isNaN(total)) errors.push(`${at(s)}: CLM02 ${el(s, 2)} is not an amount`);
      claim = { id: el(s, 1), total: el(s, 2), totalCents: total, linesCents: 0, lines: 0, diagnoses: [], procedures: [], dates: [] };
      summary.claims.push(claim);
      hiCount = 0;
      continue;
    }
    if (!claim) continue;
    if (s.tag === 'HI') {
      // Diagnoses (ABK/BK principal first, then ABF/BF); other HI lists (BH occurrence, BE value, …) pass.
      s.elements.forEach((e) => {
        if (!e.value) return;
        const [qualifier, code] = e.value.split(component);
        if (!['ABK', 'BK', 'ABF', 'BF'].includes(qualifier)) return;
        const principal = claim.diagnoses.length === 0;
        if (principal !== ['ABK', 'BK'].includes(qualifier))
          errors.push(`${at(s)}: HI ${qualifier}: the principal diagnosis (ABK/BK) must come first, once`);
        if (!code) errors.push(`${at(s)}: HI ${qualifier} without a code`);
        claim.diagnoses.push(code);
        hiCount++;
      });
    }
    if (s.tag === 'LX') {
      claim.lines++;
      if (el(s, 1) !== String(claim.lines)) errors.push(`${at(s)}: LX01 ${el(s, 1)}, expected ${claim.lines}`);
      const next = segments[i + 1];
      if (!next || next.tag !== (institutional ? 'SV2' : 'SV1')) errors.push(`${at(s)}: LX must be followed by ${institutional ? 'SV2' : 'SV1'}`);
    }
    if (s.tag === 'SV1' || s.tag === 'SV2') {
      const procedure = (s.tag === 'SV1' ? el(s, 1) : el(s, 2)).split(component);
      if (procedure[0] !== 'HC' || !procedure[1]) errors.push(`${at(s)}: procedure must be HC:<code>`);
      claim.procedures.push(procedure[1]);
      const amount = cents(s.tag === 'SV1' ? el(s, 2) : el(s, 3));
      if (Number.isNaN(amount)) errors.push(`${at(s)}: line charge is not an amount`);
      claim.linesCents += amount;
      if (s.tag === 'SV1') {
        const pointers = el(s, 7).split(component);
        if (!el(s, 7) || pointers.some((p) => !(+p >= 1 && +p <= hiCount))) errors.push(`${at(s)}: SV107 pointers ${el(s, 7)} do not point into HI`);
        const next = segments[i + 1];
        if (!next || next.tag !== 'DTP' || el(next, 1) !== '472') errors.push(`${at(s)}: SV1 needs DTP*472`);
      } else if (!/^\d{4}$/.test(el(s, 1))) {
        errors.push(`${at(s)}: SV201 revenue code must be 4 digits`);
      }
    }
    if (s.tag === 'DTP') {
      const value = el(s, 3);
      const ok = el(s, 2) === 'D8' ? validDate(value) : el(s, 2) === 'RD8' ? value.split('-').length === 2 && value.split('-').every(validDate) : false;
      if (!ok) errors.push(`${at(s)}: DTP ${el(s, 1)} date ${el(s, 2)} ${value} is not valid`);
      if (el(s, 1) === '472') claim.dates.push(value);
    }
  }
  for (const claimRead of summary.claims) {
    if (claimRead.lines === 0) errors.push(`ST ${summary.control}: claim ${claimRead.id} has no service line`);
    if (claimRead.diagnoses.length === 0) errors.push(`ST ${summary.control}: claim ${claimRead.id} has no HI diagnosis`);
    if (claimRead.totalCents !== claimRead.linesCents)
      errors.push(`ST ${summary.control}: claim ${claimRead.id} CLM02 ${claimRead.total} is not the sum of its lines (${claimRead.linesCents / 100})`);
  }
  for (const hl of hls) {
    const hasChild = hls.some((h) => h.parent === hl.id);
    if ((hl.child === '1') !== hasChild) errors.push(`ST ${summary.control}: HL ${hl.id} HL04 ${hl.child} but ${hasChild ? 'has' : 'has no'} child`);
  }
  if (summary.claims.length === 0) errors.push(`ST ${summary.control}: no CLM`);
  return summary;
}

function validate(file) {
  const errors = [];
  let summary = { file, interchange: null, groups: [] };
  let interchange;
  try {
    interchange = new X12Parser(true).parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    errors.push(`node-x12: ${e.message}`);
    return { summary, errors };
  }
  if (!interchange.functionalGroups) {
    errors.push('more than one interchange in the file');
    return { summary, errors };
  }
  // ISA read from the text itself: fixed width, and node-x12 normalises some of its values.
  const text = fs.readFileSync(file, 'utf8').replace(/^\s+/, '');
  const isa = text.slice(4, 105).split(text[3]);
  summary.interchange = isa[12];
  if (!/^\d{9}$/.test(isa[12])) errors.push(`ISA13 ${isa[12]} is not 9 digits`);
  const component = isa[15];
  for (const group of interchange.functionalGroups) {
    const gs = group.header.elements.map((e) => e.value);
    if (gs[0] !== 'HC') errors.push(`GS01 ${gs[0]} is not HC`);
    const groupSummary = { control: gs[5], version: gs[7], sets: [] };
    for (const tx of group.transactions) groupSummary.sets.push(checkTransaction(tx, group, component, errors));
    summary.groups.push(groupSummary);
  }
  return { summary, errors };
}

const args = process.argv.slice(2);
const json = args[0] === '--json';
const files = json ? args.slice(1) : args;
if (files.length === 0) {
  console.error('usage: validate.js [--json] FILE...');
  process.exit(2);
}
let failed = 0;
const summaries = [];
for (const file of files) {
  const { summary, errors } = validate(file);
  summaries.push(summary);
  for (const error of errors) console.error(`${file}: ${error}`);
  if (errors.length) failed++;
  else if (!json) console.log(`${file}: ok`);
}
if (json) console.log(JSON.stringify(summaries));
process.exit(failed ? 1 : 0);
