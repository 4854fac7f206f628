package com.streambazaar.catalog.service;

import com.streambazaar.catalog.repository.ProductRepository;
import com.streambazaar.catalog.repository.ProductSearchCriteria;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Public product search over every seller's products. */
@ApplicationScoped
public class ProductSearch {

    private final ProductRepository products;

    public ProductSearch(ProductRepository products) {
        this.products = products;
    }

    @WithSession
    public Uni<ProductRepository.ProductPage> search(ProductSearchCriteria criteria) {
        return products.search(criteria);
    }
}
