# man pages
dist_man_MANS += man/zpcidiag.8
dist_man_MANS += man/zpcidiag-modules.4
# iotest, bind/unbind (issue 4, CLI half)
dist_man_MANS += man/zpcidiag-iotest.8 man/zpcidiag-bind.8
