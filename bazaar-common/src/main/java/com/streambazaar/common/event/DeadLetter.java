package com.streambazaar.common.event;

/**
 * Data of {@code event.dead-lettered} on {@code bazaar.dead-letters.v1}: a record a consumer could never process, set
 * aside so its channel goes on. Written through the outbox in the transaction that marks the record processed, so it
 * is neither lost nor set aside twice. An operator can fix the cause and publish {@code record} again.
 *
 * @param consumer  the consumer that gave up on it (e.g. {@code session-service/product-cards})
 * @param eventId   the envelope's eventId, or null when the record was not a readable envelope
 * @param eventType the envelope's type, or null
 * @param eventKey  the envelope's key, or null
 * @param reason    why it cannot be processed
 * @param record    the record's value as it arrived
 */
public record DeadLetter(String consumer, java.util.UUID eventId, String eventType, String eventKey, String reason,
                         String record) {

    public static final String TYPE = "event.dead-lettered";
}
