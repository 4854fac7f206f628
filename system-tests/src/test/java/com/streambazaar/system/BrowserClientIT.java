package com.streambazaar.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real browser, on a page of another origin than the API, calls the API through the edge as the existing web app
 * does: every call succeeds or fails with a body the page can read (CORS on answers, errors and preflights), and
 * the page's socket.io-client joins a live show and hears its chat.
 */
@ExtendWith(SharedStack.class)
class BrowserClientIT {

    @Test
    @SuppressWarnings("unchecked")
    void aPageOnAnotherOriginSignsUpSellsAndReadsItsErrors() throws Exception {
        assumeTrue(HeadlessBrowser.installed(), "chromium and chromedriver are installed by .ci/run");
        // the page is on 127.0.0.1:<port>, the API on localhost:<edge>: a different origin
        String api = "http://localhost:" + StackUnderTest.EDGE_PORT;
        try (OtherOriginPage page = new OtherOriginPage(); HeadlessBrowser browser = new HeadlessBrowser()) {
            Map<String, Object> results = browser.run(page.url("index.html", api), Duration.ofSeconds(60));
            System.out.println("Browser saw: " + results);
            assertNull(results.get("failure"), "the page's script failed: " + results);

            assertEquals(201, status(results, "register"));
            assertEquals(200, status(results, "login"));
            Map<String, Object> created = (Map<String, Object>) results.get("createProduct");
            assertEquals(201, status(results, "createProduct"), "a creator sells: " + created);
            assertNotNull(created.get("location"), "Location is exposed to the page");
            Map<String, Object> product = body(results, "readProduct");
            assertEquals(200, status(results, "readProduct"));
            assertEquals("Browser lamp", product.get("name"));
            assertTrue(product.containsKey("stock"), "one product shape: stock is there (null when untracked)");

            // errors are readable too: without CORS on them the page would only see "Failed to fetch"
            assertEquals(401, status(results, "badToken"));
            assertEquals(Boolean.FALSE, body(results, "badToken").get("success"));
            assertNotNull(body(results, "badToken").get("message"));
            assertEquals(404, status(results, "unknownRoute"));
            assertEquals("Route GET /api/nothing-here not found", body(results, "unknownRoute").get("message"));
            assertEquals(200, status(results, "health"));

            // the same page, connected with the stock socket.io-client, hears a chat message of the show
            assertEquals(201, status(results, "chat"));
            Map<String, Object> socket = (Map<String, Object>) results.get("socket");
            assertNotNull(socket, "the page got no chat message over Socket.IO: " + results);
            assertEquals("websocket", socket.get("transport"));
            assertEquals("Hello from the show", ((Map<String, Object>) socket.get("message")).get("message"));
        }
    }

    @SuppressWarnings("unchecked")
    private static int status(Map<String, Object> results, String call) {
        Map<String, Object> result = (Map<String, Object>) results.get(call);
        assertNotNull(result, call + " was not made: " + results);
        assertNull(result.get("error"), call + " was blocked by the browser: " + result.get("error"));
        return ((Number) result.get("status")).intValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Map<String, Object> results, String call) {
        Map<String, Object> body = (Map<String, Object>) ((Map<String, Object>) results.get(call)).get("body");
        assertNotNull(body, call + " answered no JSON: " + results.get(call));
        return body;
    }
}
