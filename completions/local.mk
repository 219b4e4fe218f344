# bash completion; installed where bash-completion looks for it on demand
# (configure: pkg-config bash-completion, or --with-bash-completion-dir).
dist_bashcompletion_DATA = completions/zpcidiag
