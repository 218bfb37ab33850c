"""One module per roster kind a steward imports (regions, organizations, contacts, task forces,
capabilities, place facts): its columns (`COLUMNS`, with help and an example), the check and
build of one row (`build`), the columns naming places, organizations and contacts, and the
named statements that write its rows (`STEPS`). The machinery that reads, checks and writes
any roster is the loaders package around it.
"""
