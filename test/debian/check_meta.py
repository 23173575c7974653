#!/usr/bin/env python3
"""Checks META.json (PGXN Meta Spec 1.0.0) in the repository root given as
argv[1]: valid JSON, the spec's required keys, versions that agree with
marsql.control's default_version, files that exist.  Prints TAP."""

import json
import os
import re
import sys

root = sys.argv[1]
tests = []


def check(name, ok, why=""):
    tests.append((name, bool(ok), why))


# the license strings of the 1.0.0 spec
LICENSES = {
    "agpl_3", "apache_1_1", "apache_2_0", "artistic_1", "artistic_2", "bsd",
    "freebsd", "gfdl_1_2", "gfdl_1_3", "gpl_1", "gpl_2", "gpl_3", "lgpl_2_1",
    "lgpl_3_0", "mit", "mozilla_1_0", "mozilla_1_1", "openssl", "perl_5",
    "postgresql", "qpl_1_0", "ssleay", "sun", "zlib", "open_source",
    "restricted", "unrestricted", "unknown",
}
SEMVER = re.compile(r"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")

try:
    with open(os.path.join(root, "META.json"), encoding="utf-8") as f:
        meta = json.load(f)
    check("META.json is valid JSON", isinstance(meta, dict))
except (OSError, ValueError) as e:
    print("1..1")
    print(f"not ok 1 - META.json is valid JSON # {e}")
    sys.exit(1)

with open(os.path.join(root, "marsql.control"), encoding="utf-8") as f:
    m = re.search(r"^default_version\s*=\s*'([^']*)'", f.read(), re.M)
control_version = m.group(1) if m else None

required = ["name", "abstract", "version", "maintainer", "license", "provides", "meta-spec"]
missing = [k for k in required if k not in meta]
check("META.json has the required keys", not missing, f"missing {missing}")
check("meta-spec version is 1.0.0",
      isinstance(meta.get("meta-spec"), dict) and meta["meta-spec"].get("version") == "1.0.0")
check("version is semver and equals marsql.control default_version",
      SEMVER.match(str(meta.get("version", ""))) and meta.get("version") == control_version,
      f"META.json {meta.get('version')}, marsql.control {control_version}")
maint = meta.get("maintainer")
check("maintainer is a string or a list of strings",
      isinstance(maint, str) or (isinstance(maint, list) and maint and all(isinstance(x, str) for x in maint)))
lic = meta.get("license")
lic_values = ([lic] if isinstance(lic, str) else list(lic.keys()) if isinstance(lic, dict)
              else lic if isinstance(lic, list) else [])
check("license is one of the spec's strings (or a name-to-URL map)",
      lic_values and (isinstance(lic, dict) or all(v in LICENSES for v in lic_values)),
      f"license {lic!r}")

ext = (meta.get("provides") or {}).get("marsql")
check("provides marsql with file and version", isinstance(ext, dict) and "file" in ext and "version" in ext)
ext = ext or {}
check("provides.marsql.version equals default_version", ext.get("version") == control_version)
for key in ("file", "docfile"):
    path = ext.get(key)
    check(f"provides.marsql.{key} exists in the repository",
          path and os.path.isfile(os.path.join(root, path)), f"{key} {path!r}")

runtime = (((meta.get("prereqs") or {}).get("runtime") or {}).get("requires") or {})
check("prereqs runtime requires PostgreSQL 15",
      re.search(r"(^|[^0-9])15\.", str(runtime.get("PostgreSQL", ""))),
      f"PostgreSQL {runtime.get('PostgreSQL')!r}")

print(f"1..{len(tests)}")
for i, (name, ok, why) in enumerate(tests, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}" + ("" if ok or not why else f" # {why}"))
sys.exit(0 if all(ok for _, ok, _ in tests) else 1)
