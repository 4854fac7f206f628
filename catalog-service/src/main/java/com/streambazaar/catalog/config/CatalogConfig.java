package com.streambazaar.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of the catalog. The defaults are the client contract (API.md); change them only on purpose. */
@ConfigMapping(prefix = "catalog")
public interface CatalogConfig {

    /** Product search paging. */
    Search search();

    /** Limits on product fields. */
    Product product();

    interface Search {
        /** Page size when the client sends no {@code limit}. */
        @WithDefault("20")
        int defaultLimit();

        /** Largest {@code limit} a client may ask for; larger values are refused (400). */
        @WithDefault("100")
        int maxLimit();

        /** Longest accepted search text {@code q}, in characters. */
        @WithDefault("200")
        int maxQueryLength();
    }

    interface Product {
        /** Longest accepted description, in characters. */
        @WithDefault("5000")
        int maxDescriptionLength();
    }
}
