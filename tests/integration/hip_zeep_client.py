#!/usr/bin/python3
"""A hospital platform's SOAP client that we did not write (zeep, Debian's python3-zeep): loads the gateway's
WSDL, calls HIPMessageServer(action, message) with the hospital's API key and prints what came back.

Usage: hip_zeep_client.py WSDL_URL API_KEY ACTION MESSAGE_FILE
Prints `content-type: <what zeep sent>` and then the HIPMessageServerResult; a SOAP fault exits 2 with
`fault: <reason>`.
"""
import sys

import requests
import zeep
from zeep.plugins import HistoryPlugin
from zeep.transports import Transport


def main():
    wsdl, key, action, message_file = sys.argv[1:5]
    with open(message_file, encoding="utf-8") as f:
        message = f.read()
    session = requests.Session()
    session.headers["X-API-Key"] = key
    history = HistoryPlugin()
    client = zeep.Client(wsdl, transport=Transport(session=session, timeout=30), plugins=[history])
    try:
        result = client.service.HIPMessageServer(action=action, message=message)
    except zeep.exceptions.Fault as fault:
        print("fault: %s" % fault.message)
        return 2
    print("content-type: %s" % history.last_sent["http_headers"].get("Content-Type", ""))
    print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
