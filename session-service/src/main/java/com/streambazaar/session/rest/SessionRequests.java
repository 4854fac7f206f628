package com.streambazaar.session.rest;

import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.Fields;
import com.streambazaar.common.rest.Patch;
import com.streambazaar.common.time.WireClock;
import com.streambazaar.session.repository.SessionStatus;
import com.streambazaar.session.service.SessionInput;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Request bodies of the session routes, each with its rules (API.md). Unknown fields are ignored. */
public final class SessionRequests {

    static final int TITLE_MAX = 200;
    static final int DESCRIPTION_MAX = 5000;
    static final int CATEGORY_MAX = 100;
    static final int TAGS_MAX = 20;
    static final int TAG_MAX = 50;
    static final int URL_MAX = 2048;
    static final int STREAM_KEY_MAX = 255;
    static final int PRODUCTS_MAX = 100;
    static final int ORDER_MAX = 100_000;
    private static final Pattern STREAM_URL = Pattern.compile("(?i)(https?|rtmps?|srt)://\\S+");

    private SessionRequests() {
    }

    /**
     * {@code POST /api/sessions} (title required) and {@code PUT /api/sessions/:id} (only the fields sent change;
     * null clears an optional field; {@code status} follows the state machine).
     */
    @Schema(name = "SessionRequest")
    public record SessionBody(
            @Schema(implementation = String.class, minLength = 1, maxLength = TITLE_MAX, examples = "Autumn drop",
                    description = "Required on POST") Patch<String> title,
            @Schema(implementation = String.class, nullable = true, maxLength = DESCRIPTION_MAX) Patch<String> description,
            @Schema(implementation = String.class, nullable = true, maxLength = CATEGORY_MAX) Patch<String> category,
            @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY,
                    implementation = String.class, maxItems = TAGS_MAX) Patch<List<String>> tags,
            @Schema(implementation = String.class, nullable = true, description = "http(s), rtmp(s) or srt URL")
            Patch<String> streamUrl,
            @Schema(implementation = String.class, nullable = true, maxLength = STREAM_KEY_MAX) Patch<String> streamKey,
            @Schema(implementation = String.class, nullable = true, format = "date-time") Patch<String> scheduledAt,
            @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY,
                    implementation = UUID.class, maxItems = PRODUCTS_MAX) Patch<List<UUID>> productIds,
            @Schema(implementation = String.class, enumeration = {"scheduled", "live", "paused", "ended"},
                    description = "PUT only") Patch<String> status) {

        SessionInput toInput(boolean creating) {
            Patch<String> validTitle = Fields.requiredText("title", title, TITLE_MAX);
            if (creating && !validTitle.present()) {
                throw ApiException.badRequest("title", "title is required");
            }
            Patch<String> url = Fields.text("streamUrl", streamUrl, URL_MAX);
            if (url.value() != null && !STREAM_URL.matcher(url.value()).matches()) {
                throw ApiException.badRequest("streamUrl", "streamUrl must be an http(s), rtmp(s) or srt URL");
            }
            Patch<SessionStatus> target = creating || !status.present() ? Patch.absent()
                    : Patch.of(SessionRequests.status(status.value()));
            return new SessionInput(validTitle, Fields.text("description", description, DESCRIPTION_MAX),
                    Fields.text("category", category, CATEGORY_MAX), validTags(tags), url,
                    Fields.text("streamKey", streamKey, STREAM_KEY_MAX), instant("scheduledAt", scheduledAt),
                    validProductIds("productIds", productIds), target);
        }
    }

    /** {@code PATCH /api/sessions/:id/status}. */
    @Schema(name = "SessionStatusRequest")
    public record StatusBody(@Schema(required = true, enumeration = {"scheduled", "live", "paused", "ended"})
                             String status) {
    }

    /** {@code POST /api/sessions/:id/refresh-token}: {@code publisher} (the creator only) or {@code subscriber}. */
    @Schema(name = "StreamTokenRoleRequest")
    public record RoleBody(@Schema(enumeration = {"publisher", "subscriber"}, defaultValue = "subscriber") String role) {
    }

    /** {@code POST /api/sessions/:id/showcase}: a product of the session, or null to clear the showcase. */
    @Schema(name = "ShowcaseRequest")
    public record ShowcaseBody(@Schema(nullable = true) UUID productId) {
    }

    /** {@code POST /api/sessions/:sid/products}. */
    @Schema(name = "AddSessionProductRequest")
    public record AddProductBody(@Schema(required = true) UUID productId, Boolean featured,
                                 @Schema(minimum = "0", maximum = "100000") Integer displayOrder) {
    }

    /** {@code PATCH /api/sessions/:sid/products}: exactly these products become featured. */
    @Schema(name = "FeaturedProductsRequest")
    public record FeaturedBody(@Schema(required = true, maxItems = PRODUCTS_MAX) List<UUID> productIds) {
    }

    /** {@code PATCH /api/sessions/:sid/products/:pid/feature}. */
    @Schema(name = "FeatureProductRequest")
    public record FeatureBody(@Schema(required = true) Boolean featured) {
    }

    /** {@code PATCH /api/sessions/:sid/products/:pid/order}. */
    @Schema(name = "DisplayOrderRequest")
    public record OrderBody(@Schema(required = true, minimum = "0", maximum = "100000") Integer displayOrder) {
    }

    static SessionStatus status(String value) {
        return SessionStatus.fromWire(value == null ? null : value.strip()).orElseThrow(() ->
                ApiException.badRequest("status", "status must be one of " + SessionStatus.names()));
    }

    static int displayOrder(Integer value) {
        if (value == null || value < 0 || value > ORDER_MAX) {
            throw ApiException.badRequest("displayOrder", "displayOrder must be an integer from 0 to " + ORDER_MAX);
        }
        return value;
    }

    /** Distinct ids in the order sent; null means none. */
    static Patch<List<UUID>> validProductIds(String field, Patch<List<UUID>> ids) {
        if (!ids.present()) {
            return ids;
        }
        return Patch.of(distinctIds(field, ids.value()));
    }

    static List<UUID> distinctIds(String field, List<UUID> ids) {
        if (ids == null) {
            return List.of();
        }
        Set<UUID> distinct = new LinkedHashSet<>();
        for (UUID id : ids) {
            distinct.add(Fields.required(field, id));
        }
        if (distinct.size() > PRODUCTS_MAX) {
            throw ApiException.badRequest(field, field + " may have at most " + PRODUCTS_MAX + " entries");
        }
        return new ArrayList<>(distinct);
    }

    private static Patch<List<String>> validTags(Patch<List<String>> tags) {
        if (!tags.present()) {
            return tags;
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String tag : tags.value() == null ? List.<String>of() : tags.value()) {
            String value = Fields.text("tags", tag, TAG_MAX);
            if (value == null) {
                throw ApiException.badRequest("tags", "each of tags must be 1-" + TAG_MAX + " characters");
            }
            distinct.add(value);
        }
        if (distinct.size() > TAGS_MAX) {
            throw ApiException.badRequest("tags", "tags may have at most " + TAGS_MAX + " entries");
        }
        return Patch.of(List.copyOf(distinct));
    }

    private static Patch<Instant> instant(String field, Patch<String> value) {
        Patch<String> text = Fields.text(field, value, 64);
        if (!text.present() || text.value() == null) {
            return text.present() ? Patch.of(null) : Patch.absent();
        }
        try {
            return Patch.of(WireClock.truncate(Instant.parse(text.value())));
        } catch (DateTimeParseException e) {
            try {
                return Patch.of(WireClock.truncate(OffsetDateTime.parse(text.value()).toInstant()));
            } catch (DateTimeParseException again) {
                throw ApiException.badRequest(field, field + " must be an ISO-8601 date-time, e.g. 2030-01-31T18:00:00Z");
            }
        }
    }
}
