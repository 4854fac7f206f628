package com.streambazaar.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the edge routes on and forwards, for every way a path can say the same thing, and what it refuses. */
class PathNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // dot segments, plain and percent-encoded in any case and mix
            "/api/products/../../q/metrics, /q/metrics",
            "/api/products/%2e%2e/%2e%2e/q/health, /q/health",
            "/api/products/%2E%2E/%2E%2E/q/health, /q/health",
            "/api/products/.%2e/%2E./q/health, /q/health",
            "/api/products/./abc, /api/products/abc",
            "/api/products/%2e/abc, /api/products/abc",
            "/api/products/abc/../def, /api/products/def",
            "/api/products/abc/.., /api/products/",
            "/api/products/abc/., /api/products/abc/",
            "/../../api/products, /api/products",
            "/.., /",
            "/a/b/c/./../../g, /a/g",
            // repeated slashes are one, as nginx merges them
            "//q/metrics, /q/metrics",
            "/api//products///abc, /api/products/abc",
            "/api/products//..//..//q/metrics, /q/metrics",
            "/socket.io/, /socket.io/",
            "/, /",
            // percent-encoded unreserved characters are decoded, other escapes kept (upper-cased), once only
            "/api/%70roducts, /api/products",
            "/api/products/%7Eabc, /api/products/~abc",
            "/api/products/a%20b, /api/products/a%20b",
            "/api/products/%e2%82%ac, /api/products/%E2%82%AC",
            "/api/products/%252e%252e/%252e%252e/q/health, /api/products/%252e%252e/%252e%252e/q/health",
            "/api/products/%25, /api/products/%25",
            // path parameters are not dot segments and stay as they are
            "/api/products;v=1/abc, /api/products;v=1/abc",
            "/api/products/a;b, /api/products/a;b",
            "/.well-known/jwks.json, /.well-known/jwks.json",
            "/api/users/me@example.com, /api/users/me@example.com",
    })
    void normalises(String raw, String expected) {
        assertEquals(expected, PathNormalizer.normalize(raw));
    }

    @Test
    void returnsAnAlreadyNormalPathItself() {
        String path = "/api/sessions/3f0c/products";
        assertSame(path, PathNormalizer.normalize(path));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // encoded slashes and backslashes, raw backslashes
            "/api/products/..%2f..%2fq/metrics", "/api/products/..%2F..%2Fq%2Fmetrics", "/api/products%2fx",
            "/api/products/%5c..%5cq", "/api/products/..\\..\\q\\metrics", "/api/products\\x",
            // dot segments with parameters: some servers strip ";..." and then see ".."
            "/api/products/..;/..;/q/metrics", "/api/products/%2e%2e;x/q", "/api/products/.;/x", "/api/products/..;",
            // malformed percent-encoding and malformed UTF-8
            "/api/products/%E0%A4%A", "/api/products/%", "/api/products/%zz", "/api/products/%E0%A4", "/api/products/%C0%AE",
            "/api/products/%ED%A0%80",
            // control characters, encoded or raw, C0, DEL and C1
            "/api/products/%00", "/api/products/a%0ab", "/api/products/%0D%0AX-Evil:%201", "/api/products/%7f",
            "/api/products/%C2%85", "/api/products/a\u0001b", "/api/products/a\u007fb",
            // characters that must be encoded
            "/api/products/a b", "/api/products/a|b", "/api/products/<script>", "/api/products/a\"b", "/api/products/{x}",
            "/api/products/caf\u00e9", "/api/products/a#b", "/api/products/a^b", "/api/products/[x]",
            // not a path
            "", "*", "api/products", "http://x",
    })
    void refuses(String raw) {
        RejectedRequest rejected = assertThrows(RejectedRequest.class, () -> PathNormalizer.normalize(raw));
        assertEquals(400, rejected.status());
        assertTrue(rejected.getMessage().startsWith("The request"), rejected.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"q=shoes", "a[]=1&a[]=2", "q=a%20b&x=%E2%82%AC", "redirect=/x?y=1", "t=1:2@3!$&'()*+,;=", ""})
    void acceptsValidQueries(String query) {
        PathNormalizer.checkQuery(query);
        PathNormalizer.checkQuery(null);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"q=%zz", "q=%E0%A4%A", "q=%", "q=a|b", "q={}", "q=a b", "q=a\\b", "q=a\"b", "q=<x>", "q=a^b", "q=`x`", "q=a#b", "q=caf\u00e9"})
    void refusesMalformedQueries(String query) {
        RejectedRequest rejected = assertThrows(RejectedRequest.class, () -> PathNormalizer.checkQuery(query));
        assertEquals(400, rejected.status());
    }
}
