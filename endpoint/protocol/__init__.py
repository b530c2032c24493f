"""The SPARQL 1.1 protocol's family of URLs: /sparql, the service's documents (service description, VoID, the graph
store, dumps) and operations (/healthz, /metrics). Thin views over endpoint.core."""
