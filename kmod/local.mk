# kmod: filled by its issue
