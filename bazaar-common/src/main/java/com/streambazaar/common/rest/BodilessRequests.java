package com.streambazaar.common.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Routes whose body is optional (logout, refresh-token, showcase) are often called with no body but some Content-Type
 * anyway (many HTTP libraries send a form type on an empty POST), which would be a 415. A request without a body is
 * read as JSON, so it reaches the typed route as "no body"; a request that carries a body must still be JSON.
 */
public class BodilessRequests {

    @ServerRequestFilter(preMatching = true)
    public void readAsJson(ContainerRequestContext request) {
        String method = request.getMethod();
        boolean mayCarryBody = "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method)
                || "DELETE".equals(method);
        if (mayCarryBody && !hasBody(request)) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }

    static boolean hasBody(ContainerRequestContext request) {
        if (request.getHeaderString("Transfer-Encoding") != null) {
            return true;
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        try {
            return length != null && Long.parseLong(length.trim()) > 0;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
