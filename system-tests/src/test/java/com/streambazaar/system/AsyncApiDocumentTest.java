package com.streambazaar.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.streambazaar.common.event.DeadLetter;
import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.UserState;
import com.streambazaar.testkit.EventSchemas;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code docs/asyncapi.yaml} describes every topic and every event the services publish, as they publish them: each
 * schema of {@code docs/events/} is used, each event type the contract records name has a schema, each example is
 * valid, each topic's partitions and configs are the declared ones, and the socket protocol lists every event of
 * API.md "Realtime". No stack needed.
 */
class AsyncApiDocumentTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern EVENT_TYPE = Pattern.compile("^[a-z]+\\.[a-z-]+$");
    private static final Pattern TITLE_TOPIC = Pattern.compile("\\(topic (\\S+),");

    private final Path root = ApiDocuments.root();
    private final JsonNode doc = YAML.readTree(root.resolve("docs/asyncapi.yaml").toFile());

    AsyncApiDocumentTest() throws IOException {
    }

    @Test
    void everySchemaOfDocsEventsIsReferenced() throws IOException {
        Set<String> referenced = new TreeSet<>();
        collectRefs(doc, referenced);
        List<String> unused = new ArrayList<>();
        for (Path file : schemaFiles()) {
            if (!referenced.contains("events/" + file.getFileName())) {
                unused.add(file.getFileName().toString());
            }
        }
        assertTrue(unused.isEmpty(), "schemas no message or component of docs/asyncapi.yaml references: " + unused);
        for (String ref : referenced) {
            if (!ref.startsWith("#")) {
                assertTrue(Files.exists(root.resolve("docs").resolve(ref)), "docs/asyncapi.yaml references " + ref);
            }
        }
    }

    @Test
    void everyEventTypeIsAMessageOnItsTopic() throws IOException {
        Map<String, String> channelOfMessage = channelOfMessage();
        for (Path file : schemaFiles()) {
            JsonNode schema = new ObjectMapper().readTree(file.toFile());
            String type = schema.at("/properties/type/const").asText("");
            if (type.isEmpty()) {
                continue; // envelope, user, product, session: building blocks of the event schemas
            }
            JsonNode message = messageOfType(type);
            assertEquals("events/" + type + ".schema.json", message.at("/payload/$ref").asText(), type + "'s payload");
            Matcher topic = TITLE_TOPIC.matcher(schema.path("title").asText());
            assertTrue(topic.find(), file + " names its topic in its title");
            String channel = channelOfMessage.get(message.path("x-key").asText());
            assertEquals(topic.group(1), doc.at("/channels/" + channel + "/address").asText(), type + " is on its topic");
            assertFalse(message.at("/bindings/kafka/key/description").asText().isBlank(), type + " says what its key is");
            assertTrue(message.has("headers"), type + " says which headers it carries");
        }
    }

    @Test
    void everyEventTypeOfTheContractsHasASchema() throws Exception {
        Set<String> types = contractEventTypes();
        assertTrue(types.containsAll(Set.of(UserState.REGISTERED, DeadLetter.TYPE, "viewer.joined", "room.heartbeat",
                "chat.user-restricted", "chat.settings-changed", "product.clicked", "session.stats")), "found " + types);
        for (String type : types) {
            assertTrue(Files.exists(EventSchemas.eventsDir().resolve(type + ".schema.json")),
                    type + " (a contract record's constant) has docs/events/" + type + ".schema.json");
            messageOfType(type);
        }
    }

    @Test
    void everyExampleIsValidAgainstItsSchema() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        int checked = 0;
        var messages = doc.at("/components/messages").fields();
        while (messages.hasNext()) {
            var entry = messages.next();
            JsonNode message = entry.getValue();
            JsonNode payload = message.path("payload");
            assertTrue(message.path("examples").size() > 0, entry.getKey() + " has an example");
            JsonNode headers = message.path("headers");
            if (headers.has("$ref")) {
                headers = doc.at(headers.path("$ref").asText().substring(1));
            }
            for (JsonNode example : message.path("examples")) {
                if (example.has("headers")) {
                    assertFalse(headers.isMissingNode(), entry.getKey() + "'s example has headers its message does not declare");
                    Set<ValidationMessage> errors = factory.getSchema(headers, SchemaValidatorsConfig.builder().build())
                            .validate(example.path("headers"));
                    assertTrue(errors.isEmpty(), entry.getKey() + "'s example headers: " + errors);
                }
                JsonNode value = example.path("payload");
                if (payload.path("$ref").asText().startsWith("events/")) {
                    assertEquals(message.path("name").asText(), value.path("type").asText(), entry.getKey());
                    EventSchemas.assertValid(value);
                } else {
                    Set<ValidationMessage> errors = factory.getSchema(payload, SchemaValidatorsConfig.builder().build())
                            .validate(value);
                    assertTrue(errors.isEmpty(), entry.getKey() + "'s example: " + errors);
                }
                checked++;
            }
        }
        assertTrue(checked > 50, "examples checked: " + checked);
    }

    @Test
    void everyTopicIsAChannelWithItsDeclaredPartitionsAndConfigs() throws Exception {
        Map<String, JsonNode> declared = new HashMap<>();
        try (var parser = YAML.createParser(root.resolve("deploy/kubernetes/base/kafka-topics.yaml").toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(t -> declared.put(t.at("/metadata/name").asText(), t));
        }
        Map<String, JsonNode> channels = new TreeMap<>();
        doc.path("channels").forEach(channel -> channels.put(channel.path("address").asText(), channel));
        for (Field field : Topics.class.getFields()) {
            String topic = (String) field.get(null);
            JsonNode channel = channels.get(topic);
            assertTrue(channel != null, "Topics." + field.getName() + " (" + topic + ") is a channel");
            JsonNode binding = channel.at("/bindings/kafka");
            JsonNode spec = declared.get(topic).path("spec");
            assertEquals(topic, binding.path("topic").asText());
            assertEquals(spec.path("partitions").asInt(), binding.path("partitions").asInt(), topic + " partitions");
            assertEquals(spec.path("replicas").asInt(), binding.path("replicas").asInt(), topic + " replicas");
            assertEquals(spec.at("/config/cleanup.policy").asText(),
                    binding.at("/topicConfiguration/cleanup.policy/0").asText(), topic + " cleanup.policy");
            for (String key : List.of("retention.ms", "delete.retention.ms")) {
                assertEquals(spec.path("config").path(key).asText(""),
                        binding.path("topicConfiguration").path(key).asText(""), topic + " " + key);
            }
        }
        assertEquals("compact", channels.get(Topics.USERS).at("/bindings/kafka/topicConfiguration/cleanup.policy/0").asText());
        assertEquals("compact", channels.get(Topics.PRODUCTS).at("/bindings/kafka/topicConfiguration/cleanup.policy/0").asText());
        JsonNode serviceDeadLetters = channels.get("bazaar.dead-letters.{service}.v1");
        for (JsonNode service : serviceDeadLetters.at("/parameters/service/enum")) {
            assertTrue(declared.containsKey("bazaar.dead-letters." + service.asText() + ".v1"), service.asText());
        }
    }

    @Test
    void theSocketProtocolListsEveryEventOfTheClientContract() {
        // API.md "Realtime" and realtime-service's README
        List<String> clientToServer = List.of("join-session", "leave-session", "send-message", "send-reaction",
                "showcase-product", "track-product-click", "product-click");
        List<String> serverToClient = List.of("viewer-count", "new-message", "message-deleted", "new-reaction",
                "reaction-stats", "stream-started", "stream-paused", "stream-resumed", "stream-ended",
                "product-showcased", "showcase-cleared", "product-click-stats", "trending-products", "analytics-update",
                "chat-settings", "chat-restricted", "showcase-result", "error");
        for (String channel : List.of("realtimeWs", "socketIo")) {
            Set<String> received = eventNames("/operations/" + channel + "ClientEvents/messages");
            Set<String> sent = eventNames("/operations/" + channel + "ServerEvents/messages");
            assertTrue(received.containsAll(clientToServer), channel + " receives " + received);
            assertTrue(sent.containsAll(serverToClient), channel + " sends " + sent);
        }
        assertTrue(eventNames("/operations/realtimeWsServerEvents/messages").contains("connected"));
    }

    private Set<String> eventNames(String operationMessages) {
        Set<String> names = new TreeSet<>();
        for (JsonNode ref : doc.at(operationMessages)) {
            String path = ref.path("$ref").asText().substring(1);
            String component = doc.at(path).path("$ref").asText().substring(1);
            names.add(doc.at(component).path("name").asText());
        }
        return names;
    }

    /** The message component whose name is the event type (with its key in the components as "x-key"). */
    private JsonNode messageOfType(String type) {
        var messages = doc.at("/components/messages").fields();
        while (messages.hasNext()) {
            var entry = messages.next();
            if (type.equals(entry.getValue().path("name").asText())) {
                return ((com.fasterxml.jackson.databind.node.ObjectNode) entry.getValue().deepCopy())
                        .put("x-key", entry.getKey());
            }
        }
        throw new AssertionError("docs/asyncapi.yaml has no message named " + type);
    }

    private Map<String, String> channelOfMessage() {
        Map<String, String> owners = new HashMap<>();
        doc.path("channels").fields().forEachRemaining(channel -> channel.getValue().path("messages").forEach(ref -> {
            String target = ref.path("$ref").asText();
            owners.put(target.substring(target.lastIndexOf('/') + 1), channel.getKey());
        }));
        return owners;
    }

    private List<Path> schemaFiles() throws IOException {
        try (Stream<Path> files = Files.list(EventSchemas.eventsDir())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".schema.json")).sorted().toList();
        }
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref")) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectRefs(element, refs));
        }
    }

    /** Every {@code public static final String} that names an event type in the contract records (and DeadLetter). */
    private static Set<String> contractEventTypes() throws Exception {
        Set<String> types = new TreeSet<>();
        List<Class<?>> classes = new ArrayList<>(contractClasses());
        classes.add(DeadLetter.class);
        for (Class<?> type : classes) {
            for (Field field : type.getFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class) {
                    String value = (String) field.get(null);
                    if (EVENT_TYPE.matcher(value).matches()) {
                        types.add(value);
                    }
                }
            }
        }
        return types;
    }

    private static List<Class<?>> contractClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        String pkg = UserState.class.getPackageName();
        String dir = pkg.replace('.', '/') + "/";
        Path location = Path.of(UserState.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.list(location.resolve(dir))) {
                files.map(f -> f.getFileName().toString()).forEach(names::add);
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(dir) && n.indexOf('/', dir.length()) < 0)
                        .map(n -> n.substring(dir.length())).forEach(names::add);
            }
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            if (name.endsWith(".class") && !name.contains("$")) {
                classes.add(Class.forName(pkg + "." + name.substring(0, name.length() - ".class".length())));
            }
        }
        assertTrue(classes.size() >= 10, "contract records found: " + classes);
        return classes;
    }
}
