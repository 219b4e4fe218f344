# tests/clp.mk
