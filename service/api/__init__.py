"""GraphQL API: thin strawberry resolvers over the graph gateway."""
