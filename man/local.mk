# man: filled by its issue
dist_man_MANS += man/zpcidiag-clp.8 man/zpcidiag-caps.8
