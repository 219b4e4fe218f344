# tests/iotest.mk
