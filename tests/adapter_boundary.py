#!/usr/bin/python3
"""Each adapter in adapters/ builds on the plugin SDK, the adapter kit and, in its tests, the adapter test kit only
(all included as <gw/...>): it includes no header of the gateway (gateway/src), of the gateway's own tests
(tests/support) or of another adapter, and links no other adapter's or the gateway's library. Prints each breach
with file:line and exits 1 if any.

Usage: adapter_boundary.py SOURCE_DIR"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
# What an adapter's CMakeLists.txt may not name: the gateway's sources or core library, a path out of its folder
# (the shared third-party samples beside the checkout are test data, not code).
FORBIDDEN_CMAKE = re.compile(r'gateway/|gwcore|gw_test_support|tests/support|\.\./(?!shared/samples)|\$\{(CMAKE_|PROJECT_)SOURCE_DIR\}/(gateway|adapters)')


def breaches(root):
    adapters_dir = os.path.join(root, "adapters")
    names = sorted(d for d in os.listdir(adapters_dir) if os.path.isfile(os.path.join(adapters_dir, d, "CMakeLists.txt")))
    for name in names:
        home = os.path.join(adapters_dir, name)
        cmake = os.path.join(home, "CMakeLists.txt")
        with open(cmake, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                code = line.split("#", 1)[0]
                if FORBIDDEN_CMAKE.search(code):
                    yield f"{cmake}:{number}: names something outside the adapter, the SDK and the kit: {line.strip()}"
                for other in names:
                    if other != name and re.search(rf"\bgw_{re.escape(other)}\b", code):
                        yield f"{cmake}:{number}: links the {other} adapter's library"
        for folder, _, files in os.walk(home):
            for file in files:
                if not file.endswith((".cpp", ".hpp", ".h", ".cc")):
                    continue
                path = os.path.join(folder, file)
                with open(path, encoding="utf-8") as f:
                    for number, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if not m:
                            continue
                        header = m.group(1)
                        if header.startswith("gw/"):
                            continue  # the SDK, the kit and the test kit
                        candidates = [os.path.join(folder, header)] + [os.path.join(home, d, header) for d in ("src", "tests")]
                        found = [os.path.realpath(c) for c in candidates if os.path.isfile(c)]
                        if any(f.startswith(os.path.realpath(home) + os.sep) for f in found):
                            continue
                        yield f"{path}:{number}: includes \"{header}\", which is neither the adapter's own, the SDK's nor the kit's"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    found = list(breaches(os.path.abspath(sys.argv[1])))
    for line in found:
        print(line)
    print(f"adapter boundary: {len(found)} breach(es)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
