# man: filled by its issue
