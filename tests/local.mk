# tests: filled by its issue
