package com.streambazaar.common.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Keeps money exactly as stored ({@code 19.90}, {@code 20.00}) in responses and events. Events travel through a
 * JSON tree (the outbox builds the envelope with {@code valueToTree}), and Jackson's tree strips trailing zeros by
 * default, which would turn {@code 20.00} into {@code 2E+1}; reading a tree would turn money into doubles.
 */
@Singleton
public class ExactDecimalJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        mapper.configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true);
        mapper.configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);
    }
}
