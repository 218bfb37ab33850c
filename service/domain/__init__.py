"""The rules of the domain: who to call for a situation in a place, and where nobody answers.

Pure logic and *plans*: each question (a route, a place's coverage, its gaps, the matrix, a
protocol sheet, gap candidates) is a function from typed inputs to a `Plan` of named Cypher
statements (service.store.graph) and the code that turns their rows into the typed answers of
`models`. Nothing here opens a connection, reads a setting or knows about HTTP: the
interfaces (service.api, service.web, service.cli) run the plans on the graph gateway.
"""
