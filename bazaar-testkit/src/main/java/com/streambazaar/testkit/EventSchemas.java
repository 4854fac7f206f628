package com.streambazaar.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Checks produced events against the JSON Schemas published in {@code docs/events/} (the contract outside
 * analytics consumers rely on). Each event type has {@code docs/events/<type>.schema.json}, which references
 * the shared envelope schema.
 */
public final class EventSchemas {

    private EventSchemas() {
    }

    public static Path eventsDir() {
        // surefire runs in the module folder; the schemas live at the repository root
        Path dir = Path.of("..", "docs", "events").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Event schemas not found at " + dir);
        }
        return dir;
    }

    /** Fails with every violation listed when the envelope does not match its type's schema. */
    public static void assertValid(JsonNode envelope) {
        String type = envelope.path("type").asText();
        Path schemaFile = eventsDir().resolve(type + ".schema.json");
        if (!Files.exists(schemaFile)) {
            throw new AssertionError("No schema documented for event type '" + type + "' (expected " + schemaFile + ")");
        }
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        JsonSchema schema = factory.getSchema(com.networknt.schema.SchemaLocation.of(schemaFile.toUri().toString()), SchemaValidatorsConfig.builder().build());
        Set<ValidationMessage> errors = schema.validate(envelope);
        if (!errors.isEmpty()) {
            throw new AssertionError("Event " + type + " violates " + schemaFile.getFileName() + ": " + errors
                    + "\n" + envelope.toPrettyString());
        }
    }
}
