#!/usr/bin/env python3
"""Makes a large SQLite store quickly out of a small one that gatewayd itself wrote (the template): COPIES
copies of every row of the template, with what must be unique made unique per copy. The rows are shaped
like the real ones because they are the real ones; only ids differ. Runs inside SQLite (INSERT ... SELECT),
one statement per table, in one transaction.

Per copy k (0-based; K8 = k as 8 hex digits):
- every UUID (resource ids, the references to them, Bundle and entry ids) gets K8 as its first 8 digits,
  except the ids of resources of the SHARED types: those stay one resource each, and each copy of one of
  their rows becomes a new version of it, as when every message names the same hospital and doctors;
- identifier values of the other resources (fhir_identifier.value, and "value":"..." in JSON texts) and
  inbound_message.message_id get "-K8" appended;
- inbound_message.id (and fhir_resource.source_message with it) continue after copy k-1's; every other
  integer key is a sequence that SQLite assigns.
Ids that start with K8 and values that end with it make every index grow at its end, which keeps the
generation fast; lookups in the result cost what they cost in a store of that size.
The audit log is rewritten as one valid hash chain over all copies (gw::AuditLog::chainHash), so that
gatewayd appends to it and `gatewayctl audit verify` checks it as usual.
inbound_message.body (the partner's bytes) keeps the template's bytes and SHA-256.

Usage: replicate_store.py TEMPLATE_DB OUT_DB COPIES [--shared Organization,Practitioner]"""
import argparse
import hashlib
import os
import re
import sqlite3
import sys
import time

MARK = "@@@@@@@@"  # replaced by K8 in every copy
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
GENESIS = "0" * 64
# Rows of shared resources that exist once, whatever the number of copies.
ONCE_PER_SHARED_RESOURCE = ("fhir_current", "fhir_identifier", "fhir_reference")


class Template:
    """What varies per copy, read from the template store."""

    def __init__(self, db, shared_types):
        self.shared_types = set(shared_types)
        in_shared = f"resource_type IN ({','.join('?' * len(shared_types))})"
        self.shared_ids = {row[0] for row in db.execute(f"SELECT id FROM fhir_current WHERE {in_shared}",
                                                          shared_types)}
        # Versions of each shared resource in one copy: the next copy's versions come after them.
        self.version_strides = {(kind, id): versions for kind, id, versions in db.execute(
            f"SELECT resource_type, id, MAX(version) FROM fhir_resource WHERE {in_shared} GROUP BY 1, 2",
            shared_types)}
        self.identifier_values = {value for kind, value in db.execute(
            "SELECT resource_type, value FROM fhir_identifier") if kind not in self.shared_types and
            not UUID.fullmatch(value)}
        self.messages_per_copy = db.execute("SELECT COALESCE(MAX(id), 0) FROM inbound_message").fetchone()[0]

    def marked(self, text):
        """`text` with every varying UUID and identifier value marked."""
        text = UUID.sub(lambda m: m.group(0) if m.group(0) in self.shared_ids else MARK + m.group(0)[8:], text)
        for value in self.identifier_values:
            text = text.replace(f'"value":"{value}"', f'"value":"{value}-{MARK}"')
        return text

    def marked_row(self, table, row):
        """`row` (a dict) with its varying values marked."""
        marked = dict(row)
        for name, value in row.items():
            if not isinstance(value, str) or (table == "inbound_message" and name == "body"):
                continue
            if (table == "inbound_message" and name == "message_id") or \
               (table == "fhir_identifier" and name == "value" and value in self.identifier_values):
                marked[name] = f"{value}-{MARK}"
            else:
                marked[name] = self.marked(value)
        return marked

    def version_stride(self, table, row):
        """How much a row's version grows per copy: only versions of shared resources do."""
        if table != "fhir_resource":
            return 0
        return self.version_strides.get((row["resource_type"], row["id"]), 0)

    def stored_once(self, table, row):
        return table in ONCE_PER_SHARED_RESOURCE and row["resource_type"] in self.shared_types


def column_expression(table, column, integer_key, marked_columns, messages_per_copy):
    if table == "inbound_message" and column == "id" or table == "fhir_resource" and column == "source_message":
        return f"t.{column} + c.k * {messages_per_copy}"
    if column == integer_key:
        return "NULL"
    if table == "fhir_resource" and column == "version":
        return "t.version + c.k * t.version_stride"
    if column in marked_columns:
        return f"replace(t.{column}, '{MARK}', c.hex)"
    return f"t.{column}"


def replicate_table(db, template, table, copies):
    info = db.execute(f"PRAGMA table_info({table})").fetchall()
    columns = [c[1] for c in info]
    keys = [c for c in info if c[5] > 0]
    integer_key = keys[0][1] if len(keys) == 1 and keys[0][2].upper() == "INTEGER" else None
    rows = [dict(zip(columns, r)) for r in db.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid")]
    if not rows:
        return 0
    once = [r for r in rows if template.stored_once(table, r)]
    repeated = [template.marked_row(table, r) for r in rows if not template.stored_once(table, r)]
    marked_columns = {c for c in columns if any(isinstance(r[c], str) and MARK in r[c] for r in repeated)}
    db.execute("DROP TABLE IF EXISTS temp.template_rows")
    db.execute(f"CREATE TEMP TABLE template_rows AS SELECT {', '.join(columns)}, 0 AS version_stride FROM {table} "
               "WHERE 0")
    db.executemany(f"INSERT INTO temp.template_rows VALUES ({', '.join('?' * (len(columns) + 1))})",
                   ([r[c] for c in columns] + [template.version_stride(table, r)] for r in repeated))
    db.execute(f"DELETE FROM {table}")
    db.execute("UPDATE sqlite_sequence SET seq = 0 WHERE name = ?", (table,))  # the copies number from 1
    db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                   ([r[c] for c in columns] for r in once))
    expressions = [column_expression(table, c, integer_key, marked_columns, template.messages_per_copy)
                   for c in columns]
    db.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(expressions)} "
               "FROM temp.copies c CROSS JOIN temp.template_rows t")
    if table == "fhir_current":  # a shared resource's current version is the last copy's
        db.executemany("UPDATE fhir_current SET version = version + ? WHERE resource_type = ? AND id = ?",
                       (((copies - 1) * stride, kind, id) for (kind, id), stride in template.version_strides.items()))
    return len(repeated) * copies + len(once)


def chain_hash(previous, at, actor, action, resource, outcome, detail):
    text = "".join(f"{len(v.encode())}:{v};" for v in (previous, at, actor, action, resource, outcome, detail))
    return hashlib.sha256(text.encode()).hexdigest()


def replicate_audit_log(db, template, copies):
    rows = db.execute("SELECT at, actor, action, resource, outcome, detail FROM audit_log ORDER BY seq").fetchall()
    if not rows:
        return 0
    message = re.compile(r"^inbound_message/(\d+)$")
    marked = [[template.marked(v) for v in row] for row in rows]
    db.execute("DELETE FROM audit_log")
    db.execute("UPDATE sqlite_sequence SET seq = 0 WHERE name = 'audit_log'")
    previous = GENESIS
    batch = []
    insert = "INSERT INTO audit_log (at, actor, action, resource, outcome, detail, prev_hash, hash) " \
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    for k in range(copies):
        k8 = f"{k:08x}"
        for at, actor, action, resource, outcome, detail in marked:
            resource = resource.replace(MARK, k8)
            match = message.match(resource)
            if match:
                resource = f"inbound_message/{int(match.group(1)) + k * template.messages_per_copy}"
            detail = detail.replace(MARK, k8)
            current = chain_hash(previous, at, actor, action, resource, outcome, detail)
            batch.append((at, actor, action, resource, outcome, detail, previous, current))
            previous = current
        if len(batch) >= 50000:
            db.executemany(insert, batch)
            batch.clear()
    db.executemany(insert, batch)
    return len(rows) * copies


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("template")
    parser.add_argument("out")
    parser.add_argument("copies", type=int)
    parser.add_argument("--shared", default="Organization,Practitioner")
    args = parser.parse_args()
    started = time.time()
    partial = args.out + ".partial"
    if os.path.exists(partial):
        os.remove(partial)
    source = sqlite3.connect(args.template)
    db = sqlite3.connect(partial, isolation_level=None)
    source.backup(db)  # the template's WAL included
    source.close()
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -1000000")
    template = Template(db, args.shared.split(","))
    db.execute("BEGIN")
    db.execute("CREATE TEMP TABLE copies (k INTEGER PRIMARY KEY, hex TEXT NOT NULL)")
    db.executemany("INSERT INTO temp.copies VALUES (?, ?)", ((k, f"{k:08x}") for k in range(args.copies)))
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                       "name NOT LIKE 'sqlite_%' AND name != 'schema_migration' ORDER BY name")]
    counts = {}
    for table in tables:
        counts[table] = replicate_audit_log(db, template, args.copies) if table == "audit_log" else \
            replicate_table(db, template, table, args.copies)
    db.execute("COMMIT")
    db.execute("PRAGMA journal_mode = WAL")
    db.close()
    os.replace(partial, args.out)
    summary = " ".join(f"{t}={n}" for t, n in sorted(counts.items()) if n)
    print(f"replicate_store: {args.copies} copies in {time.time() - started:.0f} s: {summary}", file=sys.stderr)


if __name__ == "__main__":
    main()
