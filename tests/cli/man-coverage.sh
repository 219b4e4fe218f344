#!/bin/sh
# zpcidiag(8) has a section for every registered command and documents every
# exit code and JSON key; every option is documented there or in the
# command's own page (man/zpcidiag-*.8).
. "$(dirname "$0")/lib.sh"
[ -r "$MANPAGE" ] || { fail "no man page at $MANPAGE"; done_testing; exit 1; }
# roff escapes "-" as "\-"; search the unescaped text
TEXT=$(sed 's/\\-/-/g; s/\\f[BIRP]//g' "$MANPAGE")
ALL=$(sed 's/\\-/-/g; s/\\f[BIRP]//g' "$(dirname "$MANPAGE")"/zpcidiag*.8)
# ERE matching STRING literally
literal() { printf '%s' "$1" | sed 's/[][.*^$+?(){}|\\]/\\&/g'; }
# section heading of COMMAND [SUBCOMMAND]: its name, any options, then the
# positional arguments exactly as the command table declares them
section() {
	syn=$("$ZPCIDIAG" __complete synopsis "$@")
	contains "$TEXT" "^\.SS $*( |\$)" "man page section for $*"
	contains "$TEXT" "^\.SS $*( .*)?$(literal " $syn")\$" "man page synopsis of $* ends in '$syn'"
	for o in $("$ZPCIDIAG" __complete options "$@"); do
		contains "$ALL" "$(literal "$o")" "man pages: option $o of $*"
	done
}
for c in $("$ZPCIDIAG" __complete commands); do
	subs=$("$ZPCIDIAG" __complete subcommands "$c")
	[ -n "$subs" ] || section "$c"
	for s in $subs; do
		section "$c" "$s"
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
