# tests/kmod.mk
