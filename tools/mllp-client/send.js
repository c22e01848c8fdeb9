// Sends HL7 v2 messages to an MLLP listener with Medplum's Hl7Client (a client we did not write) and prints
// each acknowledgement's MSA-1 and MSA-2 as one JSON line: node send.js HOST PORT FILE...
'use strict';
const fs = require('fs');
const { Hl7Client } = require('@medplum/hl7');
const { Hl7Message } = require('@medplum/core');

async function main() {
  const [host, port, ...files] = process.argv.slice(2);
  const client = new Hl7Client({ host, port: Number(port) });
  try {
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8').replace(/\r?\n/g, '\r');
      const ack = await client.sendAndWait(Hl7Message.parse(text));
      const msa = ack.getSegment('MSA');
      console.log(JSON.stringify({ file, code: msa.getField(1).toString(), control: msa.getField(2).toString() }));
    }
  } finally {
    client.close();
  }
}

main().catch((e) => {
  console.error(String(e && e.stack ? e.stack : e));
  process.exit(1);
});
