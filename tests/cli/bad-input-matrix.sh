#!/bin/sh
# The generated bad-input matrix (bad-input-matrix.py): every attribute x
# {empty, garbage, huge, negative, non-UTF-8, directory, dangling link, FIFO}.
. "$(dirname "$0")/lib.sh"
python3 "$(dirname "$0")/bad-input-matrix.py" "$ZPCIDIAG" "$MKFIXTURE" "$WORK"
