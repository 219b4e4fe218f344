# man: filled by its issue
dist_man_MANS += man/zpcidiag-modules.4
