# Refgraph service image: runs against the Neo4j named by NEO4J_URI (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app

COPY pyproject.toml README.md ./
COPY service ./service
COPY loaders ./loaders
COPY cypher ./cypher
RUN pip install --no-cache-dir . \
    && useradd --system --uid 10001 refgraph
# The package is installed; the Cypher library is read from /app/cypher.
ENV REFGRAPH_CYPHER_DIR=/app/cypher

USER refgraph
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=2).status == 200 else 1)"
CMD ["refgraph", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
