#!/usr/bin/env python3
"""Read a Prometheus text file the way node_exporter's textfile collector does.

The collector parses the file with the text-format parser of
prometheus/common (expfmt), refuses a file with client-side timestamps,
fills every label a sample of a family lacks with "", and hands the samples
to the client library's registry, which refuses a second sample with the
same name and label values. Any of those refusals is an error here.

Usage: prom-textfile.py FILE      exit 0 and print one JSON line per sample
                                  ({"name":..., "labels":{...}, "value":...}),
                                  or exit 1 with the reason on stderr.
When python3-prometheus-client is installed its parser reads the file too,
as a second opinion on the syntax.
"""
import json
import re
import sys

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LABEL_NAME = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*")
SAMPLE = re.compile(r"(%s)(?:\{(.*)\})?[ \t]+(\S+)(?:[ \t]+(\S+))?[ \t]*$" % NAME)
TYPES = ("counter", "gauge", "histogram", "summary", "untyped")


class Refused(Exception):
    pass


def parse_labels(text, where):
    """name="value",... with \\\\, \\" and \\n escapes; a trailing comma is allowed."""
    labels, i = {}, 0
    while i < len(text):
        m = LABEL_NAME.match(text, i)
        if not m:
            raise Refused("%s: bad label name at %r" % (where, text[i:]))
        name = m.group(0)
        i = m.end()
        if text[i:i + 2] != '="':
            raise Refused("%s: expected =\" after label %s" % (where, name))
        i += 2
        value = []
        while True:
            if i >= len(text):
                raise Refused("%s: unterminated value of label %s" % (where, name))
            c = text[i]
            if c == "\\":
                esc = text[i + 1:i + 2]
                if esc not in ("\\", '"', "n"):
                    raise Refused("%s: bad escape \\%s in label %s" % (where, esc, name))
                value.append("\n" if esc == "n" else esc)
                i += 2
            elif c == '"':
                i += 1
                break
            else:
                value.append(c)
                i += 1
        if name.startswith("__"):
            raise Refused("%s: reserved label name %s" % (where, name))
        if name in labels:
            raise Refused("%s: label %s given twice" % (where, name))
        labels[name] = "".join(value)
        if i < len(text):
            if text[i] != ",":
                raise Refused("%s: expected , after label %s" % (where, name))
            i += 1
    return labels


def parse_value(text, where):
    if text in ("NaN", "+Inf", "-Inf", "Inf"):
        return float(text.replace("Inf", "inf"))
    try:
        return float(text)
    except ValueError:
        raise Refused("%s: bad value %r" % (where, text)) from None


def read(text):
    if text and not text.endswith("\n"):
        raise Refused("the file does not end in a newline")
    helps, types, samples = {}, {}, []
    seen_families, current = [], None
    for n, line in enumerate(text.split("\n")[:-1], 1):
        where = "line %d" % n
        if not line.strip():
            continue
        if line.startswith("#"):
            parts = line.split(None, 3)
            if len(parts) >= 3 and parts[1] in ("HELP", "TYPE"):
                name = parts[2]
                if not re.fullmatch(NAME, name):
                    raise Refused("%s: bad metric name %r" % (where, name))
                table = helps if parts[1] == "HELP" else types
                if name in table:
                    raise Refused("%s: second %s line for %s" % (where, parts[1], name))
                if parts[1] == "TYPE":
                    if len(parts) != 4 or parts[3] not in TYPES:
                        raise Refused("%s: bad TYPE line %r" % (where, line))
                    if any(s["name"] == name for s in samples):
                        raise Refused("%s: TYPE for %s after its samples" % (where, name))
                table[name] = parts[3] if len(parts) == 4 else ""
                if name != current:
                    if name in seen_families:
                        raise Refused("%s: family %s split in two" % (where, name))
                    seen_families.append(name)
                    current = name
            continue
        m = SAMPLE.match(line)
        if not m:
            raise Refused("%s: not a sample: %r" % (where, line))
        name, ltext, vtext, ts = m.groups()
        if ts is not None:
            raise Refused("%s: client-side timestamp (the collector skips the whole file)" % where)
        if types.get(name, "gauge") not in ("gauge", "counter", "untyped"):
            raise Refused("%s: %s is a %s; zpcidiag writes gauges" % (where, name, types[name]))
        if name != current:
            if name in seen_families:
                raise Refused("%s: family %s split in two" % (where, name))
            seen_families.append(name)
            current = name
        samples.append({"name": name, "labels": parse_labels(ltext or "", where),
                        "value": parse_value(vtext, where), "line": n})
    # the collector: every sample of a family gets every label name of the family
    names = {}
    for s in samples:
        names.setdefault(s["name"], set()).update(s["labels"])
    seen = {}
    for s in samples:
        full = {k: s["labels"].get(k, "") for k in names[s["name"]]}
        key = (s["name"], tuple(sorted(full.items())))
        if key in seen:
            raise Refused("line %d: %s%s was collected before with the same name and label "
                          "values (line %d)" % (s["line"], s["name"], json.dumps(full, sort_keys=True),
                                                seen[key]))
        seen[key] = s["line"]
    return samples


def second_opinion(text):
    try:
        from prometheus_client.parser import text_string_to_metric_families
    except ImportError:
        # Debian's python3-prometheus-client, when python3 is not Debian's
        sys.path.append("/usr/lib/python3/dist-packages")
        try:
            from prometheus_client.parser import text_string_to_metric_families
        except ImportError:
            return
    try:
        for _ in text_string_to_metric_families(text):
            pass
    except Exception as e:  # its parser raises ValueError and others
        raise Refused("prometheus_client: %s" % e) from None


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    text = open(sys.argv[1], encoding="utf-8").read()
    try:
        samples = read(text)
        second_opinion(text)
    except Refused as e:
        print("%s: %s" % (sys.argv[1], e), file=sys.stderr)
        return 1
    for s in samples:
        print(json.dumps({k: s[k] for k in ("name", "labels", "value")}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
