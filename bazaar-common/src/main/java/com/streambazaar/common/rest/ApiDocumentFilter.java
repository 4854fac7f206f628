package com.streambazaar.common.rest;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Completes every service's OpenAPI document by the rules all services share (API.md "Response shapes"), so that each
 * {@code /q/openapi}, and the merged {@code docs/openapi.yaml}, is a contract a client SDK can be generated from:
 * <ul>
 *   <li>{@code servers}: the local edge and a production placeholder, never a service's own port;</li>
 *   <li>the one error body ({@link ErrorBody}: {@code ErrorBody}) on every 4xx/5xx an operation can answer: 400
 *       when it takes parameters or a body, 401/403 when it takes a token, 404 when its path names something, 413
 *       when it takes a body, 500 always, plus what the resource declares (409, 429, ...), each with an example;</li>
 *   <li>the envelope ({@link ApiResponse}, scanned per data type as {@code ApiResponse<Data>}) with its required
 *       fields, and {@code ApiResponse<Void>} as {@code Done} ({@code {success, message}}, no data);</li>
 *   <li>the bearer scheme explained: the access token of login/register/refresh in the Authorization header.</li>
 * </ul>
 * Resources declare only what is theirs: operationId, summary, success status and its body, extra refusals.
 * Registered for every service in bazaar-common's {@code META-INF/microprofile-config.properties}
 * ({@code mp.openapi.filter}); it runs when the document is built, so the stored and the served document agree.
 */
public class ApiDocumentFilter implements OASFilter {

    public static final String BEARER = "bearerAuth";
    static final String ERROR = "ErrorBody";
    static final String DONE = "Done";
    static final String ENVELOPE_PREFIX = "ApiResponse";
    static final String VOID_ENVELOPE = "ApiResponseVoid";
    /**
     * An operation extension naming the success status when it is not 200: the 200 response the scanner derived from
     * the method's return type (its body schema) becomes that status; 204 drops the body. Use as
     * {@code @Extension(name = ApiDocumentFilter.SUCCESS_STATUS, value = "201")} beside {@code @APIResponse(responseCode
     * = "200", description = ...)}, so the body stays what the code returns.
     */
    public static final String SUCCESS_STATUS = "x-success-status";
    static final String LOCAL_EDGE = "http://localhost:3000";
    static final String PRODUCTION = "https://api.stream-bazaar.example";
    private static final String JSON = "application/json";
    private static final String SCHEMAS = "#/components/schemas/";

    /** The refusals every operation may meet, by status: machine code and a typical message. */
    private static final Map<String, String[]> ERRORS = new TreeMap<>(Map.of(
            "503", new String[]{"Busy: try again in a moment", "busy", "Too many sign-ins at once, try again in a moment",
                    null},
            "400", new String[]{"Bad Request: invalid input, the message and field name what is wrong", "validation_error",
                    "title is required", "title"},
            "401", new String[]{"No access token, or one that is invalid or expired", "unauthorized",
                    "Authentication required: send a valid access token", null},
            "403", new String[]{"Not yours, or your role may not do this", "forbidden", "You are not allowed to do this", null},
            "404", new String[]{"No such resource (or route)", "not_found", "Session not found", null},
            "409", new String[]{"Conflict: a duplicate, or not allowed in the current state", "conflict",
                    "That already exists", null},
            "413", new String[]{"Request body too large", "payload_too_large", "Request body is too large", null},
            "429", new String[]{"Rate limited: retry after Retry-After seconds", "rate_limited",
                    "Too many attempts, try again later", null},
            "500", new String[]{"Our bug: the body carries a reference for support, never internals", "internal_error",
                    "Something went wrong on our side (reference 3f1c7a2e-0d5b-4c43-9a43-2b8c1f7e9d10)", null}));

    @Override
    public void filterOpenAPI(OpenAPI api) {
        api.setServers(new ArrayList<>(List.of(
                OASFactory.createServer().url(LOCAL_EDGE).description("Local stack (./bazaar up): the edge router"),
                OASFactory.createServer().url(PRODUCTION)
                        .description("Production: replace with your Ingress host (placeholder)"))));
        Components components = api.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            api.setComponents(components);
        }
        components.addSchema(ERROR, errorSchema());
        components.addSchema(DONE, doneSchema());
        envelopes(components);
        bearer(components);
        nameGenericsByTheirData(api, components);
        inlineScalars(api, components);
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : api.getPaths().getPathItems().entrySet()) {
            for (Operation operation : path.getValue().getOperations().values()) {
                successStatus(operation);
                replaceVoidEnvelope(operation);
                paging(operation);
                refusals(path.getKey(), path.getValue(), operation);
            }
        }
    }

    /** The envelope per data type: {@code success}, {@code message} and {@code data} always, {@code count} for lists. */
    private static void envelopes(Components components) {
        if (components.getSchemas() == null) {
            return;
        }
        components.removeSchema(VOID_ENVELOPE);
        for (Map.Entry<String, Schema> entry : components.getSchemas().entrySet()) {
            if (!entry.getKey().startsWith(ENVELOPE_PREFIX) || entry.getValue().getProperties() == null) {
                continue;
            }
            Schema envelope = entry.getValue();
            Map<String, Schema> properties = envelope.getProperties();
            if (!properties.containsKey("success") || !properties.containsKey("data")) {
                continue;
            }
            boolean list = isArray(properties.get("data"));
            envelope.setDescription("The response envelope: success, a human message and data"
                    + (list ? ", with count = the number of items in data" : ""));
            properties.get("success").description("true for every success").example(true);
            properties.get("message").description("A human-readable message, e.g. to show in a toast");
            List<String> required = new ArrayList<>(List.of("success", "message", "data"));
            if (list) {
                properties.get("count").description("How many items data holds");
                required.add("count");
            } else {
                envelope.removeProperty("count");
            }
            envelope.setRequired(required);
        }
    }

    /**
     * The scanner names {@code ApiResponse<SessionJson>} and {@code Page<ProductView>} after the Java classes; SDKs
     * should see the data's schema name instead ({@code ApiResponseSession}, {@code PageProduct}), which is also what
     * lets two services' identical envelopes collapse into one schema in the merged document.
     */
    private static void nameGenericsByTheirData(OpenAPI api, Components components) {
        if (components.getSchemas() == null) {
            return;
        }
        Map<String, String> renames = new LinkedHashMap<>();
        for (Map.Entry<String, Schema> entry : components.getSchemas().entrySet()) {
            String name = entry.getKey();
            Map<String, Schema> properties = entry.getValue().getProperties();
            if (properties == null || properties.get("data") == null) {
                continue;
            }
            boolean page = name.startsWith("Page") && properties.containsKey("hasMore");
            String prefix = name.startsWith(ENVELOPE_PREFIX + "List") ? ENVELOPE_PREFIX + "List"
                    : name.startsWith(ENVELOPE_PREFIX) ? ENVELOPE_PREFIX : page ? "Page" : null;
            if (prefix == null) {
                continue;
            }
            Schema data = properties.get("data");
            Schema element = prefix.equals(ENVELOPE_PREFIX) ? data : data.getItems();
            String ref = element == null ? null : element.getRef();
            if (ref == null || !ref.startsWith(SCHEMAS)) {
                continue;
            }
            String wanted = prefix + ref.substring(SCHEMAS.length());
            if (!wanted.equals(name) && !components.getSchemas().containsKey(wanted)) {
                renames.put(name, wanted);
            }
        }
        // the generic records themselves are no body of any operation
        components.removeSchema("Page");
        if (renames.isEmpty()) {
            return;
        }
        Map<String, Schema> renamed = new LinkedHashMap<>();
        components.getSchemas().forEach((name, schema) -> renamed.put(renames.getOrDefault(name, name), schema));
        components.setSchemas(renamed);
        forEachSchema(api, schema -> {
            String ref = schema.getRef();
            if (ref != null && ref.startsWith(SCHEMAS) && renames.containsKey(ref.substring(SCHEMAS.length()))) {
                schema.setRef(SCHEMAS + renames.get(ref.substring(SCHEMAS.length())));
            }
        });
    }

    /**
     * The scanner makes {@code Instant} and {@code UUID} components and writes a nullable one as
     * {@code anyOf: [$ref, null]}, which generators read as never null (a null date-time became 1970 in a generated
     * TypeScript client). Inline they are plain strings with a format, {@code type: [string, "null"]} when nullable.
     */
    private static void inlineScalars(OpenAPI api, Components components) {
        Map<String, String> formats = Map.of(SCHEMAS + "Instant", "date-time", SCHEMAS + "UUID", "uuid");
        if (components.getSchemas() == null) {
            return;
        }
        forEachSchema(api, schema -> {
            String format = schema.getRef() == null ? null : formats.get(schema.getRef());
            if (format != null) {
                schema.setRef(null);
                schema.setType(new ArrayList<>(List.of(SchemaType.STRING)));
                schema.setFormat(format);
                return;
            }
            List<Schema> anyOf = schema.getAnyOf();
            if (anyOf != null && anyOf.size() == 2 && anyOf.get(0).getRef() != null
                    && formats.containsKey(anyOf.get(0).getRef()) && isNullType(anyOf.get(1))) {
                schema.setType(new ArrayList<>(List.of(SchemaType.STRING, SchemaType.NULL)));
                schema.setFormat(formats.get(anyOf.get(0).getRef()));
                schema.setAnyOf(null);
            }
        });
        formats.keySet().forEach(ref -> components.removeSchema(ref.substring(SCHEMAS.length())));
    }

    private static boolean isNullType(Schema schema) {
        return schema.getRef() == null && schema.getType() != null && schema.getType().equals(List.of(SchemaType.NULL));
    }

    /** Every schema of the document, nested ones included. */
    private static void forEachSchema(OpenAPI api, Consumer<Schema> action) {
        Consumer<Schema> walk = new Consumer<>() {
            @Override
            public void accept(Schema schema) {
                if (schema == null) {
                    return;
                }
                action.accept(schema);
                if (schema.getProperties() != null) {
                    schema.getProperties().values().forEach(this);
                }
                accept(schema.getItems());
                accept(schema.getAdditionalPropertiesSchema());
                accept(schema.getNot());
                for (List<Schema> list : Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
                    if (list != null) {
                        list.forEach(this);
                    }
                }
            }
        };
        if (api.getComponents().getSchemas() != null) {
            api.getComponents().getSchemas().values().forEach(walk);
        }
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : api.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(parameter -> walk.accept(parameter.getSchema()));
                }
                if (operation.getRequestBody() != null) {
                    contentSchemas(operation.getRequestBody().getContent(), walk);
                }
                if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                    operation.getResponses().getAPIResponses().values()
                            .forEach(response -> contentSchemas(response.getContent(), walk));
                }
            }
        }
    }

    private static void contentSchemas(Content content, Consumer<Schema> walk) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(media -> walk.accept(media.getSchema()));
        }
    }

    private static boolean isArray(Schema schema) {
        return schema != null && schema.getType() != null && schema.getType().contains(SchemaType.ARRAY);
    }

    private static void bearer(Components components) {
        if (components.getSecuritySchemes() == null) {
            return;
        }
        SecurityScheme scheme = components.getSecuritySchemes().get(BEARER);
        if (scheme != null) {
            scheme.setDescription("The accessToken of register, login or refresh-token (RS256 JWT, 15 minutes), as "
                    + "Authorization: Bearer <token>; REST routes read it from that header only. The httpOnly cookie "
                    + "those calls also set (bazaar_access_token) authenticates the realtime socket of a web app on "
                    + "an allowed origin, not REST calls. Operations that list an empty requirement ({}) also answer "
                    + "without a token; a token that is sent must be valid (401 otherwise).");
        }
    }

    private static void successStatus(Operation operation) {
        APIResponses responses = operation.getResponses();
        // the scanner puts a method's @Extension on the operation, or on its responses when it has @APIResponse too
        Object status = operation.getExtensions() == null ? null : operation.getExtensions().get(SUCCESS_STATUS);
        if (status == null && responses != null && responses.getExtensions() != null) {
            status = responses.getExtensions().get(SUCCESS_STATUS);
        }
        if (status == null) {
            return;
        }
        operation.removeExtension(SUCCESS_STATUS);
        if (responses != null) {
            responses.removeExtension(SUCCESS_STATUS);
        }
        APIResponse ok = responses == null ? null : responses.getAPIResponse("200");
        if (ok == null) {
            return;
        }
        responses.removeAPIResponse("200");
        if ("204".equals(status.toString())) {
            ok.setContent(null);
        }
        responses.addAPIResponse(status.toString(), ok);
    }

    /** {@code ApiResponse<Void>} carries no data: such operations answer {@code Done}. */
    private static void replaceVoidEnvelope(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return;
        }
        for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
            if (response.getContent() == null || response.getContent().getMediaTypes() == null) {
                continue;
            }
            for (MediaType media : response.getContent().getMediaTypes().values()) {
                Schema schema = media.getSchema();
                if (schema != null && (SCHEMAS + VOID_ENVELOPE).equals(schema.getRef())) {
                    media.setSchema(OASFactory.createSchema().ref(SCHEMAS + DONE));
                }
            }
        }
    }

    /** {@link PageRequest}'s {@code limit} and {@code offset} are whole numbers, whatever type the resource reads. */
    private static void paging(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            if (parameter.getIn() != Parameter.In.QUERY
                    || !("limit".equals(parameter.getName()) || "offset".equals(parameter.getName()))) {
                continue;
            }
            Schema schema = OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                    .minimum(java.math.BigDecimal.valueOf("limit".equals(parameter.getName()) ? 1 : 0));
            parameter.setSchema(schema);
        }
    }

    private static void refusals(String path, PathItem item, Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        boolean takesInput = operation.getRequestBody() != null || hasParameters(operation) || hasParameters(item);
        boolean takesToken = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (takesInput) {
            ensure(responses, "400");
        }
        if (takesToken) {
            ensure(responses, "401");
        }
        if (path.contains("{")) {
            ensure(responses, "404");
        }
        if (operation.getRequestBody() != null) {
            ensure(responses, "413");
        }
        ensure(responses, "500");
        Map<String, APIResponse> sorted = new TreeMap<>(responses.getAPIResponses());
        for (Map.Entry<String, APIResponse> entry : sorted.entrySet()) {
            String status = entry.getKey();
            if (status.startsWith("4") || status.startsWith("5")) {
                errorBody(status, entry.getValue());
            }
        }
        responses.setAPIResponses(new LinkedHashMap<>(sorted));
    }

    private static boolean hasParameters(Operation operation) {
        return operation.getParameters() != null && !operation.getParameters().isEmpty();
    }

    private static boolean hasParameters(PathItem item) {
        List<Parameter> parameters = item.getParameters();
        return parameters != null && !parameters.isEmpty();
    }

    private static void ensure(APIResponses responses, String status) {
        if (responses.getAPIResponses() == null || !responses.getAPIResponses().containsKey(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(ERRORS.get(status)[0]));
        }
    }

    /** The shared error body and an example; a description the resource wrote is kept. */
    private static void errorBody(String status, APIResponse response) {
        String[] known = ERRORS.getOrDefault(status, new String[]{"Refused", "error", "Refused", null});
        String description = response.getDescription();
        if (description == null || description.isBlank() || description.equals("Bad Request")
                || description.equals("Not Authorized") || description.equals("Not Allowed")) {
            response.setDescription(known[0]);
        }
        if (response.getContent() == null || response.getContent().getMediaTypes() == null
                || response.getContent().getMediaTypes().isEmpty()) {
            Map<String, Object> example = new LinkedHashMap<>();
            example.put("success", false);
            example.put("message", known[2]);
            example.put("error", known[1]);
            if (known[3] != null) {
                example.put("field", known[3]);
            }
            if (status.equals("429")) {
                example.put("retryAfter", 30);
            }
            Content content = OASFactory.createContent().addMediaType(JSON, OASFactory.createMediaType()
                    .schema(OASFactory.createSchema().ref(SCHEMAS + ERROR)).example(example));
            response.setContent(content);
        }
        if (status.equals("429") && (response.getHeaders() == null || !response.getHeaders().containsKey("Retry-After"))) {
            response.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before trying again")
                    .schema(OASFactory.createSchema().addType(SchemaType.INTEGER)));
        }
    }

    /** {@link ErrorBody}: the one error shape of every service and of the edge. */
    static Schema errorSchema() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("Every refusal, whatever the family (envelope or bare catalog): success false, a human "
                        + "message and a machine code; some add the offending field, the current status or "
                        + "retryAfter.")
                .addProperty("success", OASFactory.createSchema().addType(SchemaType.BOOLEAN)
                        .description("Always false").example(false))
                .addProperty("message", OASFactory.createSchema().addType(SchemaType.STRING)
                        .description("What went wrong, for a human"))
                .addProperty("error", OASFactory.createSchema().addType(SchemaType.STRING)
                        .description("Machine code: validation_error, invalid_json, unauthorized, invalid_token, "
                                + "forbidden, not_found, conflict, payload_too_large, rate_limited, internal_error, "
                                + "or a route's own (e.g. username_taken, invalid_state)"))
                .addProperty("field", OASFactory.createSchema().addType(SchemaType.STRING)
                        .description("The request field or parameter at fault (400)"))
                .addProperty("currentStatus", OASFactory.createSchema().addType(SchemaType.STRING)
                        .description("The session's status when the request does not fit it"))
                .addProperty("retryAfter", OASFactory.createSchema().addType(SchemaType.INTEGER)
                        .description("Seconds to wait (429), also in the Retry-After header"))
                .required(List.of("success", "message", "error"));
    }

    /** {@code ApiResponse<Void>}: a success without data. */
    static Schema doneSchema() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("A success without data: success and a human message")
                .addProperty("success", OASFactory.createSchema().addType(SchemaType.BOOLEAN).example(true))
                .addProperty("message", OASFactory.createSchema().addType(SchemaType.STRING)
                        .example("Logged out successfully"))
                .required(List.of("success", "message"));
    }
}
