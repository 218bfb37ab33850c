"""Running Refgraph for real: who may do what (`auth`: keys, roles, sign-in; `limits`: body
size and rate limits), what was changed and by whom (`audit`: a Change in every write), logs
that keep personal data out (`logs`), and whole-graph backups (`backup`, `backup_files`).
"""
