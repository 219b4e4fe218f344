#!/bin/sh
# The bash completion offers every registered command and every option of the
# option tables (read back through "zpcidiag __complete"), --type values and
# the device selectors of a tree.
. "$(dirname "$0")/lib.sh"
command -v bash >/dev/null || { echo "SKIP: bash not found"; exit 77; }
R=$(fixture mixed-system)
BIN=$WORK/bin
mkdir -p "$BIN"
ln -s "$ZPCIDIAG" "$BIN/zpcidiag"

# complete LINE: what the completion offers for the words of LINE (last one may be empty)
complete_line() {
	PATH="$BIN:$PATH" bash -c '
		. "$1"
		read -ra COMP_WORDS <<<"$2"
		case $2 in *" ") COMP_WORDS+=("");; esac
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		unset -f _init_completion __ltrim_colon_completions 2>/dev/null
		_zpcidiag
		printf "%s\n" "${COMPREPLY[@]}"' _ "$COMPLETION" "$1"
}

cmds=$("$ZPCIDIAG" __complete commands)
for c in list show bars vf; do
	contains "$cmds" "^$c\$" "__complete commands"
done
# every registered command is offered
got=$(complete_line "zpcidiag ")
for c in $cmds; do
	contains "$got" "^$c\$" "completion of commands"
done
# every option of every command (and the global ones) is offered after that command
for c in $cmds; do
	opts=$("$ZPCIDIAG" __complete options "$c")
	got=$(complete_line "zpcidiag $c --")
	for o in $opts; do
		contains "$got" "^$o\$" "completion of $c options"
	done
	# the option list is the one --help prints: nothing more, nothing less
	help=$("$ZPCIDIAG" "$c" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u)
	CHECKS=$((CHECKS + 1))
	[ "$(printf '%s\n' "$opts" | sort -u)" = "$help" ] ||
		fail "$c: __complete options differs from --help: $(printf '%s\n' "$opts" | sort -u | tr '\n' ' ') vs $(printf '%s' "$help" | tr '\n' ' ')"
done
contains "$(complete_line "zpcidiag vf --pro")" '^--probe-command$'
lacks "$(complete_line "zpcidiag list --pro")" 'probe'
contains "$(complete_line "zpcidiag --type ")" '^roce2$'
contains "$(complete_line "zpcidiag --type ")" '^ism$'

# devices of the tree named by --sysfs-root
got=$(complete_line "zpcidiag --sysfs-root $R show ")
for d in 0001:00:00.0 0010:00:00.0 fid:0x300 uid:0x10 ens256 /dev/nvme0; do
	contains "$got" "^$d\$" "device completion"
done
got=$(complete_line "zpcidiag --sysfs-root $R bars 00")
contains "$got" '^0020:00:00.0$'
lacks "$got" 'fid:'
# clp takes a subcommand first, then devices
got=$(complete_line "zpcidiag --sysfs-root $R clp ")
contains "$got" '^list$' "clp subcommands"
contains "$got" '^show$' "clp subcommands"
lacks "$got" '0001:00:00.0'
got=$(complete_line "zpcidiag --sysfs-root $R clp show ")
contains "$got" '^0001:00:00.0$' "devices after clp show"
lacks "$got" '^list$'
contains "$(complete_line "zpcidiag clp s")" '^show$'
# a subcommand's own options, after it
contains "$(complete_line "zpcidiag clp list --from")" '^--from-raw$' "clp list options"
contains "$(complete_line "zpcidiag clp show --r")" '^--raw$' "clp show options"
run 2 __complete nonsense
# check: --format values, rule ids for --ignore (also after a comma), devices for --passthrough
contains "$(complete_line "zpcidiag check --format ")" '^prometheus$'
contains "$(complete_line "zpcidiag check --ignore fn-st")" '^fn-standby$'
contains "$(complete_line "zpcidiag check --ignore fn-standby,slot-power-o")" '^slot-power-off$'
contains "$(complete_line "zpcidiag --sysfs-root $R check --passthrough 0001:")" '^0001:00:00.0$'
contains "$(complete_line "zpcidiag list --t")" '^--tree$'
done_testing
