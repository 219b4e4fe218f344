# man pages
dist_man_MANS += man/zpcidiag.8
dist_man_MANS += man/zpcidiag-modules.4
