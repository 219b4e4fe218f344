#!/bin/sh
# zpcidiag(8) has a section for every registered command and documents every
# exit code and JSON key; every option is documented there or in the
# command's own page (man/zpcidiag-*.8).
. "$(dirname "$0")/lib.sh"
[ -r "$MANPAGE" ] || { fail "no man page at $MANPAGE"; done_testing; exit 1; }
# roff escapes "-" as "\-"; search the unescaped text
TEXT=$(sed 's/\\-/-/g; s/\\f[BIRP]//g' "$MANPAGE")
ALL=$(sed 's/\\-/-/g; s/\\f[BIRP]//g' "$(dirname "$MANPAGE")"/zpcidiag*.8)
for c in $("$ZPCIDIAG" __complete commands); do
	contains "$TEXT" "^\.SS $c( |\$)" "man page section for $c"
	for o in $("$ZPCIDIAG" __complete options "$c"); do
		contains "$ALL" -- "$o" "man pages: option $o of $c"
	done
done
for code in 0 1 2 3 4 5 6 7 8; do
	contains "$TEXT" "^\.B $code\$" "exit status $code"
done
for key in schema_version address fid fh uid pchid pfgid vfn pft port vendor device driver state \
	bars index size is_64bit prefetchable mappable vf linked detached command_memory problems \
	code severity text; do
	contains "$TEXT" "\\b$key\\b" "JSON key $key"
done
done_testing
