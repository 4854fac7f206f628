package com.streambazaar.launcher;

/**
 * Where the edge sends one request: the service that owns the path and the URI (path and query) to ask
 * it for. The URI differs from the incoming one only for rewriting rules such as
 * {@code /docs/auth/openapi -> /q/openapi}.
 */
public record Route(String service, String upstreamUri) {
}
