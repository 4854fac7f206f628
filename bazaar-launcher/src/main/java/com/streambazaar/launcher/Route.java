package com.streambazaar.launcher;

/**
 * Where the edge sends one request: the service that owns the path and the URI (path and query) to ask
 * it for. The URI differs from the incoming one only for rewriting rules such as
 * {@code /docs/auth/openapi -> /q/openapi}.
 *
 * @param longLived the socket endpoints ({@code /ws}, {@code /socket.io}): their plain HTTP requests are
 *                  long-polls, held open on purpose, so they get the long timeout and a pool of their own
 */
public record Route(String service, String upstreamUri, boolean longLived) {

    public Route(String service, String upstreamUri) {
        this(service, upstreamUri, false);
    }
}
