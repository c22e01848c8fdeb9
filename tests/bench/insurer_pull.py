#!/usr/bin/env python3
"""An insurer draining its claim outbox over HTTP as a real one does: pull a page
(GET /v1/insurers/ID/claims?after=CURSOR&limit=LIMIT), acknowledge every claim of it in the insurer's own
format (fhir: a Bundle of ClaimResponse with outcome "queued"; x12: a 999 naming the page's group control
number and each transaction set), go on from X-Next-Cursor, and stop at the first 204 (nothing left) or,
when MAX_SECONDS is given and not 0, after the first page that ends past it.

Usage: insurer_pull.py PORT INSURER KEY fhir|x12 LIMIT [MAX_SECONDS]
Prints: RESULT claims=N pages=N seconds=S pull_seconds=S ack_seconds=S failed=N drained=0|1
(failed: pages that were not 200, and claims the gateway did not report as acknowledged)"""
import http.client
import json
import sys
import time


def claim_responses(page):
    """The fhir_claim receipt: one queued ClaimResponse per Claim of the page."""
    entries = []
    created = time.strftime("%Y-%m-%d")
    for entry in json.loads(page)["entry"]:
        claim = entry["resource"]
        if claim["resourceType"] != "Claim":
            continue
        entries.append({"resource": {
            "resourceType": "ClaimResponse", "id": "receipt-" + claim["id"], "status": "active",
            "type": claim["type"], "use": "claim", "patient": claim["patient"], "created": created,
            "insurer": claim["insurer"], "outcome": "queued", "request": {"reference": "Claim/" + claim["id"]}}})
    return json.dumps({"resourceType": "Bundle", "type": "collection", "entry": entries}), "application/fhir+json"


def x12_segments(interchange):
    element, terminator = interchange[3], interchange[105]
    return [s.strip().split(element) for s in interchange.split(terminator) if s.strip()]


def ack_999(page, control):
    """The x12 receipt: a 999 accepting every transaction set of the page (ST02 = the claim's position)."""
    segments = x12_segments(page)
    isa = segments[0]
    group = next(s for s in segments if s[0] == "GS")[6]
    positions = [s[2] for s in segments if s[0] == "ST"]
    stamp = time.gmtime()
    body = [f"ST*999*0001*005010X231A1", f"AK1*HC*{group}*005010X222A1"]
    for position in positions:
        body += [f"AK2*837*{position}*005010X222A1", "IK5*A"]
    body.append(f"AK9*A*1*1*1")
    body.append(f"SE*{len(body) + 1}*0001")
    segments_out = [
        f"ISA*00*          *00*          *ZZ*{isa[8]:<15}*ZZ*{isa[6]:<15}*{time.strftime('%y%m%d', stamp)}*"
        f"{time.strftime('%H%M', stamp)}*^*00501*{control:09d}*0*{isa[15]}*:",
        f"GS*FA*{isa[8].strip()}*{isa[6].strip()}*{time.strftime('%Y%m%d', stamp)}*{time.strftime('%H%M', stamp)}*"
        f"{control}*X*005010X231A1"] + body + [f"GE*1*{control}", f"IEA*1*{control:09d}"]
    return "~".join(segments_out) + "~", "application/edi-x12"


def main():
    if len(sys.argv) not in (6, 7) or sys.argv[4] not in ("fhir", "x12"):
        sys.exit(__doc__)
    port, insurer, key, kind, limit = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
    max_seconds = float(sys.argv[6]) if len(sys.argv) == 7 else 0
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    claims = pages = failed = 0
    pull_seconds = ack_seconds = 0.0
    cursor = 0
    drained = False
    started = time.monotonic()
    while not max_seconds or time.monotonic() - started < max_seconds:
        t0 = time.monotonic()
        connection.request("GET", f"/v1/insurers/{insurer}/claims?after={cursor}&limit={limit}",
                           headers={"X-API-Key": key})
        response = connection.getresponse()
        page = response.read().decode()
        pull_seconds += time.monotonic() - t0
        if response.status == 204:
            drained = True
            break
        if response.status != 200:
            print(f"insurer_pull: page after {cursor}: {response.status} {page[:300]}", file=sys.stderr)
            failed += 1
            break
        count = int(response.getheader("X-Claim-Count"))
        cursor = int(response.getheader("X-Next-Cursor"))
        pages += 1
        claims += count
        body, content_type = claim_responses(page) if kind == "fhir" else ack_999(page, pages)
        t0 = time.monotonic()
        connection.request("POST", f"/v1/insurers/{insurer}/claims/ack", body=body.encode(),
                           headers={"X-API-Key": key, "Content-Type": content_type})
        response = connection.getresponse()
        answer = response.read().decode()
        ack_seconds += time.monotonic() - t0
        acknowledged = len(json.loads(answer).get("acknowledged", [])) if response.status == 200 else 0
        if acknowledged != count:
            print(f"insurer_pull: page {pages}: {acknowledged} of {count} acknowledged: {answer[:300]}", file=sys.stderr)
            failed += count - acknowledged
    seconds = time.monotonic() - started
    print(f"RESULT claims={claims} pages={pages} seconds={seconds:.3f} pull_seconds={pull_seconds:.3f} "
          f"ack_seconds={ack_seconds:.3f} failed={failed} drained={int(drained)}")


if __name__ == "__main__":
    main()
