# man pages
dist_man_MANS += man/zpcidiag.8
dist_man_MANS += man/zpcidiag-modules.4
# iotest, bind/unbind
dist_man_MANS += man/zpcidiag-iotest.8 man/zpcidiag-bind.8
# clp, caps
dist_man_MANS += man/zpcidiag-clp.8 man/zpcidiag-caps.8
dist_man_MANS += man/zpcidiag-check.8
# report, administration actions
dist_man_MANS += man/zpcidiag-report.8 man/zpcidiag-admin.8
