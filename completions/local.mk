# bash completion; installed where bash-completion looks for it on demand.
bashcompletiondir = $(datadir)/bash-completion/completions
dist_bashcompletion_DATA = completions/zpcidiag
