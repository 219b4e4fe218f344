# completions: filled by its issue
