package com.streambazaar.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Generates REST fuzz cases from the OpenAPI operations with a seeded random source: the same seed and the same
 * documents give the same cases, so a failure printed with its seed and index can be replayed
 * ({@code -Dfuzz.seed=S -Dfuzz.case=I}). Cases name fixtures symbolically ({@code {{session}}}, token "owner"); the
 * runner fills them in, so a case does not depend on the ids of one run.
 */
final class RestFuzz {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What a case must get beyond the general rules: any answer, a refusal (4xx), or 413. */
    enum Expect { ANY, REFUSAL, TOO_LARGE }

    /** One request: method, target (path + query, placeholders unresolved), header lines, body, what it tests. */
    record Case(long seed, int index, OpenApi.Operation op, String kind, String token, String method, String target,
                List<String> headers, byte[] body, List<String> sent, Expect expect) {

        String describe() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            if (text.length() > 300) {
                text = text.substring(0, 300) + "… (" + body.length + " bytes)";
            }
            String shownTarget = target.length() > 300 ? target.substring(0, 300) + "… (" + target.length() + " chars)" : target;
            return "seed " + seed + " case " + index + " [" + kind + "] token=" + token + " " + method + " " + shownTarget
                    + " " + headers + (text.isEmpty() ? "" : " body " + text);
        }
    }

    // ---------------------------------------------------------------- dictionaries

    static final List<String> BAD_TEXT = List.of("", " ", "\t", "null", "undefined", "0", "-1", "1.5", "NaN", "Infinity",
            "true", "[]", "{}", "ü", "日本語", "😀😀", "\u202e\u202d", "<script>alert(1)</script>", "' OR '1'='1",
            "\"; DROP TABLE users; --", "%", "_", "\\", "%_\\%", "../../etc/passwd", "${jndi:ldap://x/a}", "{{7*7}}",
            "\u0000", "a\u0000b", "\u0001\u0002", "line\nbreak", "  padded  ", "\ud800", "x".repeat(201),
            "y".repeat(501), "z".repeat(5001), "w".repeat(100_001), "Ⅷ", "０１２", "1e3", "0x1F", "+1", "-0");
    static final List<String> BAD_NUMBER_LITERALS = List.of("0", "-1", "-0.0", "1.5", "0.001", "12.345", "2147483647",
            "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "1e308", "1e309", "-1e309", "99999999999.99", "10000000000", "1E2", "0.1e-400", "3".repeat(1200));
    static final List<String> BAD_PATH = List.of("0", "-1", "1.5", "abc", "9223372036854775808",
            "99999999999999999999999", "UUID", "UUPPER", "UNODASH", "{x}", "null", "%20", "%00", "%2e%2e", "..", ".",
            "%C3%BC", "a".repeat(300), "b".repeat(5000), "1%3BDROP", "*", "%25", "%2F", "~", "1e3", "00000000-0000-0000-0000-000000000000",
            "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "%E0%A4%A", "%FF");
    static final List<String> BAD_QUERY = List.of("", "abc", "1.5", "-1", "0", "2147483648", "-2147483649", "1e3",
            "%201", "99999999999999999999", "true", "maybe", "TRUE", "%00", "%0A", "%", "%zz", "%C3%28", "_", "%25",
            "a".repeat(300), "b".repeat(7000), "null", "[]", "%E2%80%AE", "price-asc%00", "newest", "NEWEST",
            "1970-01-01T00:00:00Z", "not-a-date", "UUID", "9999-99-99T99:99:99Z");
    static final List<String> RAW_BODIES_MALFORMED = List.of("{", "}", "[", "{\"a\":}", "{\"a\" 1}", "{'a':1}", "nul",
            "{} trailing", "{}{}", "{\"a\":1,}", "[1,2", "\"unterminated", "{\"a\":\"\\x\"}", "{\"a\":01}",
            "{\"a\":NaN}", "{\"a\":.5}", "\u00ef\u00bb\u00bf{}", "{\"a\":-}");
    static final List<String> RAW_BODIES_ODD = List.of("", "null", "true", "0", "\"x\"", "[]", "{}", "[{}]",
            "{\"__proto__\":{\"admin\":true}}", "{\"constructor\":{\"prototype\":{}}}");
    static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/json;;", "*/*",
            "application/vnd.api+json", "json", "application/json; charset=\"\"", "\u00e9/\u00e9");
    static final List<String> AUTH_HEADERS = List.of("Authorization: Bearer", "Authorization: Bearer ",
            "Authorization: Basic dXNlcjpwYXNz", "Authorization: Bearer a.b.c", "Authorization: Bearer ..",
            "Authorization: bearer TOKEN", "Authorization: Bearer TOKEN TOKEN", "Authorization: Bearer " + "A".repeat(9000),
            "Authorization: Bearer eyJhbGciOiJub25lIn0.e30.", "Authorization: Bearer eyJ%%%.eyJ.sig",
            "Authorization: Negotiate abc", "Authorization: ", "Cookie: bazaar_access_token=garbage",
            "Cookie: bazaar_access_token=" + "c".repeat(5000), "Cookie: ;;;==;", "Authorization: Bearer \u00ff\u00fe");
    static final List<String> OTHER_HEADERS = List.of("Accept: application/xml", "Accept: */*;q=abc",
            "Accept: text/html", "Accept-Encoding: gzip;q=x", "X-Forwarded-For: 1.2.3.4", "X-Forwarded-Proto: gopher",
            "X-Forwarded-Host: evil.example", "Forwarded: for=\"[::1]\";proto=https", "Origin: null",
            "Origin: https://evil.example", "Origin: " + "o".repeat(3000), "X-Request-Id: \u00ff", "Range: bytes=0-1",
            "If-None-Match: *", "Expect: 100-continue", "Content-Encoding: gzip", "Content-Language: 12345",
            "Accept-Language: zz-ZZ;q=2", "X-Http-Method-Override: DELETE", "Host: evil.example", "Upgrade: h2c",
            "Connection: upgrade", "TE: trailers", "User-Agent: " + "u".repeat(4000), "Referer: javascript:alert(1)");

    // ---------------------------------------------------------------- generation

    static List<Case> generate(List<OpenApi.Operation> operations, long seed, int count) {
        Random random = new Random(seed);
        List<OpenApi.Operation> sorted = new ArrayList<>(operations);
        sorted.sort(Comparator.comparing(OpenApi.Operation::service).thenComparing(OpenApi.Operation::path)
                .thenComparing(OpenApi.Operation::method));
        List<Case> cases = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // every operation gets its valid request and a share of the cases; the rest is random
            OpenApi.Operation op = i < sorted.size() ? sorted.get(i) : sorted.get(random.nextInt(sorted.size()));
            cases.add(i < sorted.size() ? base(seed, i, op, "owner") : mutate(seed, i, op, random));
        }
        return cases;
    }

    private static Case base(long seed, int index, OpenApi.Operation op, String token) {
        Map<String, String> path = validPath(op);
        return build(seed, index, op, "valid", token, path, validQuery(op, new Random(index)), List.of(),
                op.body() == null ? null : json(validBody(op, new Random(index))), List.of(), Expect.ANY);
    }

    private static Case mutate(long seed, int index, OpenApi.Operation op, Random random) {
        String token = pick(random, List.of("owner", "owner", "owner", "admin", "viewer", "guest"));
        Map<String, String> path = validPath(op);
        Map<String, String> query = validQuery(op, random);
        byte[] body = op.body() == null ? null : json(validBody(op, random));
        List<String> headers = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        Expect expect = Expect.ANY;
        int family = random.nextInt(100);
        String kind;
        if (family < 12 && !op.pathParams().isEmpty()) {
            OpenApi.Param param = pick(random, op.pathParams());
            String value = pick(random, BAD_PATH);
            kind = "path " + param.name() + "=" + abbreviate(value);
            path.put(param.name(), concretePath(value, param, op));
            sent.add(value);
        } else if (family < 27) {
            kind = mutateQuery(op, query, random, sent);
        } else if (family < 67 && op.body() != null) {
            int how = random.nextInt(100);
            if (how < 60 && op.body().has("properties")) {
                ObjectNode valid = (ObjectNode) validBody(op, random);
                kind = mutateField(op.body(), valid, random, sent);
                body = json(valid);
            } else if (how < 75) {
                String raw = pick(random, RAW_BODIES_MALFORMED);
                kind = "malformed json " + abbreviate(raw);
                body = raw.getBytes(StandardCharsets.UTF_8);
                expect = Expect.REFUSAL;
            } else if (how < 85) {
                String raw = pick(random, RAW_BODIES_ODD);
                kind = "odd json " + abbreviate(raw);
                body = raw.getBytes(StandardCharsets.UTF_8);
            } else if (how < 90) {
                int shape = random.nextInt(4);
                kind = switch (shape) {
                    case 0 -> "deep nesting";
                    case 1 -> "invalid utf-8";
                    case 2 -> "huge number";
                    default -> "many keys";
                };
                body = switch (shape) {
                    case 0 -> ("[".repeat(20_000) + "]".repeat(20_000)).getBytes(StandardCharsets.UTF_8);
                    case 1 -> new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
                    case 2 -> ("{\"price\":" + "9".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8);
                    default -> manyKeys();
                };
                expect = shape == 3 ? Expect.ANY : Expect.REFUSAL;
            } else if (how < 95) {
                kind = "oversized body";
                body = ("{\"x\":\"" + "o".repeat(300_000) + "\"}").getBytes(StandardCharsets.UTF_8);
                expect = Expect.TOO_LARGE;
            } else {
                String type = pick(random, CONTENT_TYPES);
                kind = "content-type " + type;
                headers.add("Content-Type: " + type);
                sent.add(type);
            }
        } else if (family < 87) {
            String header = random.nextBoolean() ? pick(random, AUTH_HEADERS) : pick(random, OTHER_HEADERS);
            kind = "header " + abbreviate(header);
            if (header.startsWith("Authorization") || header.startsWith("Cookie")) {
                token = "guest";
            }
            headers.add(header);
            sent.add(header.substring(header.indexOf(':') + 1).trim());
        } else {
            return rawUri(seed, index, op, token, path, query, random);
        }
        if (body != null && headers.stream().noneMatch(h -> h.startsWith("Content-Type"))) {
            headers.add("Content-Type: application/json");
        }
        return build(seed, index, op, kind, token, path, query, headers, body, sent, expect);
    }

    private static String mutateQuery(OpenApi.Operation op, Map<String, String> query, Random random, List<String> sent) {
        List<OpenApi.Param> params = op.queryParams();
        int how = random.nextInt(10);
        if (params.isEmpty() || how == 0) {
            String name = pick(random, List.of("limit", "offset", "q", "unknown", "sortBy", "a[b]", "%00", "__proto__"));
            String value = pick(random, BAD_QUERY);
            query.put(name, value);
            sent.add(value);
            return "query extra " + name + "=" + abbreviate(value);
        }
        OpenApi.Param param = pick(random, params);
        if (how == 1) {
            query.put(param.name(), "1&" + param.name() + "=2");
            return "query repeated " + param.name();
        }
        String value = pick(random, BAD_QUERY);
        if (value.equals("UUID")) {
            value = UUID.randomUUID().toString();
        }
        query.put(param.name(), value);
        sent.add(value);
        return "query " + param.name() + "=" + abbreviate(value);
    }

    /** One field of a valid body made wrong: removed, null, wrong type, out of bounds, hostile text. */
    private static String mutateField(JsonNode schema, ObjectNode body, Random random, List<String> sent) {
        List<String> names = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        if (names.isEmpty()) {
            body.put("unexpected", "field");
            return "unknown field";
        }
        String name = pick(random, names);
        JsonNode field = schema.path("properties").path(name);
        String type = OpenApi.type(field);
        int how = random.nextInt(10);
        switch (how) {
            case 0 -> {
                body.remove(name);
                return "field " + name + " missing";
            }
            case 1 -> {
                body.putNull(name);
                return "field " + name + " null";
            }
            case 2, 3 -> {
                JsonNode wrong = wrongType(type, random);
                body.set(name, wrong);
                return "field " + name + " wrong type " + abbreviate(wrong.toString());
            }
            case 4, 5 -> {
                if (type.equals("number") || type.equals("integer")) {
                    String literal = pick(random, BAD_NUMBER_LITERALS);
                    body.putRawValue(name, new com.fasterxml.jackson.databind.util.RawValue(literal));
                    return "field " + name + " number " + abbreviate(literal);
                }
                String text = pick(random, BAD_TEXT);
                body.put(name, text);
                sent.add(text);
                return "field " + name + " text " + abbreviate(text);
            }
            case 6 -> {
                int max = field.path("maxLength").asInt(0);
                if (max > 0) {
                    String text = "m".repeat(max + 1);
                    body.put(name, text);
                    sent.add(text);
                    return "field " + name + " maxLength+1";
                }
                double min = field.path("minimum").asDouble(0);
                body.put(name, min - 1);
                return "field " + name + " minimum-1";
            }
            case 7 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = 0; i < 5000; i++) {
                    array.add(UUID.randomUUID().toString());
                }
                body.set(name, array);
                return "field " + name + " huge array";
            }
            case 8 -> {
                body.put("role", "admin");
                body.put("userId", 1);
                body.put("sellerId", 1);
                body.put("creatorId", 1);
                body.put("id", UUID.randomUUID().toString());
                return "identity fields smuggled";
            }
            default -> {
                String text = pick(random, BAD_TEXT);
                body.put(name, text);
                sent.add(text);
                return "field " + name + " hostile " + abbreviate(text);
            }
        }
    }

    private static Case rawUri(long seed, int index, OpenApi.Operation op, String token, Map<String, String> path,
                               Map<String, String> query, Random random) {
        String target = fill(op.path(), path) + queryString(query);
        String raw = switch (random.nextInt(16)) {
            case 0 -> target + "%";
            case 1 -> target + "/%zz";
            case 2 -> target.replaceFirst("/api", "//api//");
            case 3 -> target.replaceFirst("/api/", "/api/../api/%2e%2e/q/") ;
            case 4 -> target + "?x=" + "q".repeat(9000);
            case 5 -> target + "#fragment";
            case 6 -> target + "?&&&=&=";
            case 7 -> target.replaceFirst("/api", "/API");
            case 8 -> target + "/extra/segments";
            case 9 -> target + ";jsessionid=1";
            case 10 -> target + "/%2e%2e%2f%2e%2e%2fq%2fmetrics";
            case 11 -> target + "%00";
            case 12 -> target + "?a=%E0%A4%A";
            case 13 -> target + "/.";
            case 14 -> "http://evil.example" + target;
            default -> target + "\\..\\";
        };
        List<String> headers = new ArrayList<>();
        byte[] body = op.body() == null ? null : json(validBody(op, random));
        if (body != null) {
            headers.add("Content-Type: application/json");
        }
        return new Case(seed, index, op, "raw uri " + abbreviate(raw.replace(target, "…")), token, op.method(), raw,
                headers, body, List.of(raw), Expect.ANY);
    }

    private static Case build(long seed, int index, OpenApi.Operation op, String kind, String token,
                              Map<String, String> path, Map<String, String> query, List<String> headers, byte[] body,
                              List<String> sent, Expect expect) {
        List<String> allHeaders = new ArrayList<>(headers);
        if (body != null && allHeaders.stream().noneMatch(h -> h.startsWith("Content-Type"))) {
            allHeaders.add("Content-Type: application/json");
        }
        return new Case(seed, index, op, kind, token, op.method(), fill(op.path(), path) + queryString(query),
                allHeaders, body, sent, expect);
    }

    // ---------------------------------------------------------------- valid values

    /** The fixture each path parameter names: the run's session, product, user, message... */
    static Map<String, String> validPath(OpenApi.Operation op) {
        Map<String, String> values = new LinkedHashMap<>();
        for (OpenApi.Param param : op.pathParams()) {
            values.put(param.name(), placeholder(param.name(), op.path()));
        }
        return values;
    }

    static String placeholder(String name, String path) {
        return switch (name) {
            case "sid", "sessionId" -> "{{session}}";
            case "pid" -> "{{product}}";
            case "messageId" -> "{{message}}";
            case "userId" -> "{{viewer}}";
            case "creatorId" -> "{{owner}}";
            case "category" -> "Fuzz";
            default -> path.startsWith("/api/products") ? "{{product}}"
                    : path.startsWith("/api/users") ? "{{victim}}" : "{{session}}";
        };
    }

    private static String concretePath(String value, OpenApi.Param param, OpenApi.Operation op) {
        return switch (value) {
            case "UUID" -> UUID.randomUUID().toString();
            case "UUPPER" -> UUID.randomUUID().toString().toUpperCase();
            case "UNODASH" -> UUID.randomUUID().toString().replace("-", "");
            default -> value.startsWith("%") || value.contains("%") ? value : encodeSegment(value);
        };
    }

    private static Map<String, String> validQuery(OpenApi.Operation op, Random random) {
        Map<String, String> query = new LinkedHashMap<>();
        for (OpenApi.Param param : op.queryParams()) {
            if (param.required() || random.nextInt(3) == 0) {
                query.put(param.name(), encodeQuery(validScalar(param.name(), param.schema(), random).asText()));
            }
        }
        return query;
    }

    static JsonNode validBody(OpenApi.Operation op, Random random) {
        if (op.bodyExample() != null && !op.bodyExample().isMissingNode() && random.nextInt(3) > 0) {
            return op.bodyExample().deepCopy();
        }
        return valid("body", op.body(), random, 0);
    }

    static JsonNode valid(String name, JsonNode schema, Random random, int depth) {
        String type = OpenApi.type(schema);
        if (schema.has("example")) {
            return schema.get("example").deepCopy();
        }
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(random.nextInt(schema.get("enum").size())).deepCopy();
        }
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (depth < 4) {
                        object.set(field.getKey(), valid(field.getKey(), field.getValue(), random, depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (name.equals("productIds")) {
                    array.add("{{product}}");
                } else if (depth < 4) {
                    array.add(valid(name, schema.path("items"), random, depth + 1));
                }
                return array;
            }
            default -> {
                return validScalar(name, schema, random);
            }
        }
    }

    private static JsonNode validScalar(String name, JsonNode schema, Random random) {
        String type = OpenApi.type(schema);
        String format = schema.path("format").asText();
        if (name.equals("productId")) {
            return NODES.textNode("{{product}}");
        }
        if (name.equals("userId")) {
            return NODES.textNode("{{viewer}}");
        }
        if (name.equals("sessionId")) {
            return NODES.textNode("{{session}}");
        }
        if (name.equals("refreshToken")) {
            return NODES.textNode("{{refresh}}");
        }
        return switch (type) {
            case "integer" -> NODES.numberNode(Math.max(schema.path("minimum").asLong(1), 1) + random.nextInt(3));
            case "number" -> NODES.numberNode(Math.max(schema.path("minimum").asDouble(0), 1) + random.nextInt(50) + 0.5);
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            default -> switch (format) {
                case "uuid" -> NODES.textNode(UUID.randomUUID().toString());
                case "date-time" -> NODES.textNode("2030-01-01T10:00:00Z");
                case "uri", "url" -> NODES.textNode("https://img.example.com/" + random.nextInt(1000) + ".png");
                case "email" -> NODES.textNode("fuzz" + random.nextInt(1_000_000) + "@example.com");
                default -> NODES.textNode(textFor(name, random));
            };
        };
    }

    private static String textFor(String name, Random random) {
        String lower = name.toLowerCase();
        if (lower.contains("email")) {
            return "fuzz" + random.nextInt(1_000_000) + "@example.com";
        }
        if (lower.contains("password")) {
            return "fuzz-password-" + random.nextInt(1000);
        }
        if (lower.contains("username") || lower.equals("name")) {
            return "fz_" + Integer.toString(random.nextInt(1_000_000_000), 36);
        }
        if (lower.equals("role")) {
            return random.nextBoolean() ? "viewer" : "creator";
        }
        if (lower.equals("status")) {
            return pick(random, List.of("live", "paused", "ended", "scheduled"));
        }
        if (lower.contains("url")) {
            return "https://img.example.com/a.png";
        }
        return "fuzz " + Integer.toString(random.nextInt(1_000_000), 36);
    }

    private static JsonNode wrongType(String type, Random random) {
        List<JsonNode> options = new ArrayList<>(List.of(NODES.numberNode(123), NODES.booleanNode(true),
                NODES.arrayNode().add("x"), NODES.objectNode().put("nested", "object"), NODES.textNode("text"),
                NODES.arrayNode().add(NODES.arrayNode().add(1)), NODES.numberNode(1.5)));
        options.removeIf(node -> switch (type) {
            case "string" -> node.isTextual();
            case "integer" -> node.isIntegralNumber();
            case "number" -> node.isNumber();
            case "boolean" -> node.isBoolean();
            case "array" -> node.isArray();
            case "object" -> node.isObject();
            default -> false;
        });
        return options.get(random.nextInt(options.size()));
    }

    private static byte[] manyKeys() {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < 10_000; i++) {
            out.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- helpers

    static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            out = out.replace("{" + value.getKey() + "}", value.getValue());
        }
        return out;
    }

    static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("?");
        query.forEach((name, value) -> out.append(out.length() > 1 ? "&" : "").append(name).append('=').append(value));
        return out.toString();
    }

    static String encodeSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Query values from the dictionary are written as given (they hold their own escapes), others encoded. */
    static String encodeQuery(String value) {
        return value.startsWith("{{") ? value : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] json(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String value) {
        String shown = value.replace("\n", "\\n").replace("\u0000", "\\0");
        return shown.length() > 40 ? shown.substring(0, 40) + "…(" + value.length() + ")" : shown;
    }

    static <T> T pick(Random random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
