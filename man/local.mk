# man pages
dist_man_MANS += man/zpcidiag.8
