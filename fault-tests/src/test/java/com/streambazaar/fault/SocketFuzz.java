package com.streambazaar.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Socket fuzz cases for both protocols, from a seed: every client event with malformed, wrong-typed, missing,
 * oversized and boundary payloads, unknown events, and protocol-level garbage (broken Socket.IO packets, frames that
 * are not JSON, binary frames, oversized frames). Frames name fixtures symbolically ({@code {{session}}},
 * {@code {{product}}}, {@code {{other}}}: a session the connection has not joined).
 */
final class SocketFuzz {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static final List<String> EVENTS = List.of("join-session", "leave-session", "send-message", "send-reaction",
            "track-product-click", "product-click", "showcase-product");

    enum Protocol { SOCKET_IO, WS }

    /**
     * One frame to send. {@code protocolLevel}: garbage below the event layer, after which the server may close the
     * connection; anything else must leave it open. {@code binary}: sent as a binary frame.
     */
    record Case(long seed, int index, Protocol protocol, String kind, String frame, boolean protocolLevel, boolean binary) {
        String describe() {
            String shown = frame.length() > 300 ? frame.substring(0, 300) + "… (" + frame.length() + " chars)" : frame;
            return "seed " + seed + " case " + index + " " + protocol + " [" + kind + "] " + shown;
        }
    }

    static List<Case> generate(Protocol protocol, long seed, int count) {
        Random random = new Random(seed * 31 + protocol.ordinal());
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (random.nextInt(100) < 12) {
                cases.add(garbage(protocol, seed, i, random));
                continue;
            }
            String event = random.nextInt(12) == 0
                    ? RestFuzz.pick(random, List.of("unknown-event", "", "__proto__", "constructor", "e".repeat(70),
                    "error", "connect", "disconnect", "ack", "JOIN-SESSION", "join-session ", "viewer-count"))
                    : RestFuzz.pick(random, EVENTS);
            PayloadCase payload = payload(event, random);
            String frame = protocol == Protocol.SOCKET_IO ? sioFrame(event, payload.data, i) : wsFrame(event, payload.data, i, random);
            cases.add(new Case(seed, i, protocol, event + ": " + payload.kind, frame, false, false));
        }
        return cases;
    }

    private record PayloadCase(String kind, JsonNode data) {
    }

    private static PayloadCase payload(String event, Random random) {
        int how = random.nextInt(100);
        if (how < 15) {
            JsonNode bare = RestFuzz.pick(random, List.of(NODES.nullNode(), NODES.textNode(""), NODES.textNode("x"),
                    NODES.numberNode(42), NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode(),
                    NODES.arrayNode().add(1).add(2), NODES.textNode("{{session}}"), NODES.textNode("{{other}}"),
                    NODES.textNode(UUID.randomUUID().toString()), NODES.numberNode(1e308)));
            return new PayloadCase("bare " + abbreviate(bare.toString()), bare);
        }
        ObjectNode data = NODES.objectNode();
        JsonNode sessionId = how < 30 ? RestFuzz.pick(random, List.of(NODES.nullNode(), NODES.numberNode(1),
                NODES.textNode("abc"), NODES.textNode(UUID.randomUUID().toString()), NODES.textNode("{{other}}"),
                NODES.textNode("{{SESSION}}"), NODES.arrayNode().add("{{session}}"), NODES.objectNode(),
                NODES.textNode("{{session}} "), NODES.textNode("s".repeat(10_000))))
                : NODES.textNode("{{session}}");
        data.set("sessionId", sessionId);
        String kind = "sessionId " + abbreviate(sessionId.toString());
        switch (event) {
            case "join-session" -> {
                if (random.nextBoolean()) {
                    JsonNode device = RestFuzz.pick(random, List.of(NODES.numberNode(1), NODES.textNode("d".repeat(1000)),
                            NODES.textNode("\u0000"), NODES.textNode(""), NODES.objectNode(), NODES.textNode("dev-ok")));
                    data.set("deviceId", device);
                    kind += " deviceId " + abbreviate(device.toString());
                }
                if (random.nextBoolean()) {
                    JsonNode last = RestFuzz.pick(random, List.of(NODES.textNode("abc"), NODES.numberNode(7),
                            NODES.textNode(UUID.randomUUID().toString()), NODES.nullNode(), NODES.arrayNode()));
                    data.set("lastMessageId", last);
                    kind += " lastMessageId " + abbreviate(last.toString());
                }
            }
            case "send-message" -> {
                JsonNode message = text(random, true);
                data.set("message", message);
                data.put("userId", 1).put("userName", "admin");
                kind += " message " + abbreviate(message.toString());
            }
            case "send-reaction" -> {
                JsonNode type = RestFuzz.pick(random, List.of(NODES.textNode("like"), NODES.textNode("love"),
                        NODES.textNode("LIKE"), NODES.textNode("unknown"), NODES.numberNode(1), NODES.nullNode(),
                        NODES.textNode(""), NODES.textNode("fire ".repeat(1000)), NODES.arrayNode().add("like")));
                data.set("type", type);
                kind += " type " + abbreviate(type.toString());
            }
            case "track-product-click", "product-click", "showcase-product" -> {
                JsonNode product = RestFuzz.pick(random, List.of(NODES.textNode("{{product}}"), NODES.nullNode(),
                        NODES.numberNode(1), NODES.textNode("abc"), NODES.textNode(UUID.randomUUID().toString()),
                        NODES.objectNode(), NODES.textNode("{{product}}x")));
                if (random.nextInt(6) > 0) {
                    data.set("productId", product);
                }
                kind += " productId " + abbreviate(product.toString());
            }
            default -> {
                data.set("message", text(random, false));
                kind += " with extras";
            }
        }
        if (random.nextInt(10) == 0) {
            ArrayNode deep = NODES.arrayNode();
            ArrayNode at = deep;
            for (int i = 0; i < 500; i++) {
                ArrayNode next = NODES.arrayNode();
                at.add(next);
                at = next;
            }
            data.set("nested", deep);
            kind += " deep";
        }
        return new PayloadCase(kind, data);
    }

    private static JsonNode text(Random random, boolean often) {
        return RestFuzz.pick(random, List.of(NODES.textNode("hello"), NODES.textNode(""), NODES.textNode("   "),
                NODES.textNode("m".repeat(501)), NODES.textNode("m".repeat(500)), NODES.textNode("n".repeat(60_000)),
                NODES.textNode("\u0000"), NODES.textNode("a\u0000b"), NODES.textNode("<script>alert(1)</script>"),
                NODES.textNode("😀".repeat(300)), NODES.textNode("\ud800"), NODES.numberNode(5), NODES.nullNode(),
                NODES.booleanNode(false), NODES.arrayNode().add("x"), NODES.objectNode().put("a", 1),
                NODES.textNode("' OR '1'='1"), NODES.textNode("line\nbreak\r\n")));
    }

    private static String sioFrame(String event, JsonNode data, int index) {
        ArrayNode args = NODES.arrayNode().add(event).add(data);
        return "42" + (1000 + index) + args;
    }

    private static String wsFrame(String event, JsonNode data, int index, Random random) {
        ObjectNode frame = NODES.objectNode();
        frame.put("event", event);
        frame.set("data", data);
        frame.set("id", random.nextInt(8) == 0 ? RestFuzz.pick(random, List.of(NODES.objectNode(), NODES.arrayNode(),
                NODES.numberNode(1.5), NODES.booleanNode(true), NODES.textNode("i".repeat(2000))))
                : NODES.textNode("c" + index));
        return frame.toString();
    }

    private static Case garbage(Protocol protocol, long seed, int index, Random random) {
        if (protocol == Protocol.SOCKET_IO) {
            String frame = RestFuzz.pick(random, List.of("4", "42", "42[", "42[]", "42[1]", "42[null]", "42{\"a\":1}",
                    "42[\"join-session\"", "43[]", "439[\"x\"]", "44", "45", "46", "9", "x", "", "2probe", "3", "6", "5",
                    "451-[\"send-message\",{\"_placeholder\":true,\"num\":0}]", "42/nonexistent,[\"join-session\",{}]",
                    "40/admin,", "0", "42999999999999999999999[\"a\"]", "42-1[\"a\"]", "42[\"" + "e".repeat(5000) + "\"]",
                    "4" + "z".repeat(150_000), "BINARY", "42[\"send-message\",{\"sessionId\":\"{{session}}\"," +
                            "\"message\":\"" + "q".repeat(99_000) + "\"}]"));
            boolean binary = frame.equals("BINARY");
            return new Case(seed, index, protocol, "packet " + abbreviate(frame), binary ? "\u0001\u0002\u0003" : frame,
                    true, binary);
        }
        String frame = RestFuzz.pick(random, List.of("", "x", "{", "[]", "null", "123", "\"str\"", "{\"event\":1}",
                "{\"event\":\"join-session\"}", "{\"data\":{}}", "{\"event\":null,\"data\":null}",
                "{\"event\":\"\",\"id\":\"g\"}", "{\"event\":\"" + "e".repeat(100) + "\",\"id\":\"g2\"}",
                "{\"event\":\"send-message\",\"data\":\"{{session}}\",\"id\":\"g3\"}", "{\"event\":\"ping\",\"data\":"
                        + "[1,2,3]}", "BINARY", "{\"event\":\"join-session\",\"data\":{\"sessionId\":\"{{session}}\"}}{}",
                "{\"event\":\"send-reaction\",\"data\":{\"sessionId\":\"{{session}}\",\"type\":\"like\"},\"id\":"
                        + "99999999999999999999999999}", "[".repeat(5000) + "]".repeat(5000), "z".repeat(150_000)));
        boolean binary = frame.equals("BINARY");
        return new Case(seed, index, protocol, "frame " + abbreviate(frame), binary ? "\u0001\u0002\u0003" : frame, true,
                binary);
    }

    private static String abbreviate(String value) {
        String shown = value.replace("\n", "\\n");
        return shown.length() > 40 ? shown.substring(0, 40) + "…(" + value.length() + ")" : shown;
    }
}
