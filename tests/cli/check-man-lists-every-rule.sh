#!/bin/sh
# zpcidiag-check(8) lists exactly the rules of `check --list-rules`, each with
# the severity the catalogue gives it: a rule added or renamed in one place
# only fails here.
. "$(dirname "$0")/lib.sh"
MAN=$(dirname "$MANPAGE")/zpcidiag-check.8
[ -r "$MAN" ] || { fail "no $MAN"; done_testing; exit 1; }

run 0 --json check --list-rules
printf '%s' "$OUT" | python3 -c '
import json, re, sys
rules = {r["id"]: r["severity"] for r in json.load(sys.stdin)["rules"]}
text = open(sys.argv[1]).read().replace("\\-", "-")
sec = text.split("\n.SH RULES\n", 1)[1].split("\n.SH ", 1)[0]
man = dict(re.findall(r"^\.TP\n\.B (\S+)\n(\w+), ", sec, re.M))
bad = []
for r in sorted(set(rules) | set(man)):
    if r not in man: bad.append("%s: not in the man page" % r)
    elif r not in rules: bad.append("%s: in the man page, not in --list-rules" % r)
    elif man[r] != rules[r]: bad.append("%s: man page says %s, catalogue %s" % (r, man[r], rules[r]))
print("\n".join(bad)); sys.exit(1 if bad else 0)' "$MAN" >"$WORK/diff" || fail "$(cat "$WORK/diff")"
CHECKS=$((CHECKS + 1))
# the exit codes of check are documented beside the other commands'
contains "$(sed 's/\\-/-/g' "$MANPAGE")" '^\.B check$' "zpcidiag(8) EXIT STATUS names check"
contains "$(sed 's/\\-/-/g' "$MANPAGE")" '0 OK, 1 WARNING,'
done_testing
