package com.streambazaar.catalog.service;

import com.streambazaar.catalog.repository.Product;
import com.streambazaar.catalog.repository.ProductRepository;
import com.streambazaar.catalog.repository.SellerRepository;
import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.security.Caller;
import com.streambazaar.common.time.WireClock;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Products and their lifecycle. Every change publishes the product's full state through the outbox in the same
 * transaction; only the seller (or an admin) may change a product, and only while their account is active. Products of
 * a deactivated seller are out of every read (kept, not deleted).
 */
@ApplicationScoped
public class ProductCatalog {

    private final ProductRepository products;
    private final SellerRepository sellers;
    private final ProductEvents events;
    private final WireClock clock;

    public ProductCatalog(ProductRepository products, SellerRepository sellers, ProductEvents events, WireClock clock) {
        this.products = products;
        this.sellers = sellers;
        this.events = events;
        this.clock = clock;
    }

    @WithSession
    public Uni<Product> find(UUID id) {
        return products.findListed(id).onItem().ifNull().failWith(() -> notFound(id));
    }

    @WithSession
    public Uni<List<Product>> ownedBy(Caller caller) {
        return products.ownedBy(caller.userId());
    }

    @WithSession
    public Uni<List<Product>> ownedInStock(Caller caller) {
        return products.ownedInStock(caller.userId());
    }

    @WithSession
    public Uni<List<Product>> ownedInCategory(Caller caller, String category) {
        String key = CategoryName.keyOf(category);
        return key == null ? Uni.createFrom().item(List.of()) : products.ownedInCategory(caller.userId(), key);
    }

    @WithSession
    public Uni<List<String>> categories() {
        return products.categories();
    }

    /** The caller becomes the seller; role checks happen at the resource. */
    @WithTransaction
    public Uni<Product> create(Caller caller, ProductChanges fields) {
        return refuseDeactivated(caller).chain(() -> insert(caller, fields));
    }

    private Uni<Product> insert(Caller caller, ProductChanges fields) {
        Product product = new Product();
        product.id = UUID.randomUUID();
        product.sellerId = caller.userId();
        product.inStock = true;
        product.createdAt = clock.now();
        product.updatedAt = product.createdAt;
        apply(product, fields);
        return products.persist(product)
                .chain(() -> events.publish(ProductState.CREATED, product))
                .invoke(() -> Log.infof("Product %s created by seller %d", product.id, product.sellerId))
                .replaceWith(product);
    }

    /** Partial update: only the fields sent change; nothing sent (or nothing different) changes nothing. */
    @WithTransaction
    public Uni<Product> update(Caller caller, UUID id, ProductChanges changes) {
        return manageable(caller, id).chain(product -> {
            boolean wasInStock = product.inStock;
            Snapshot before = Snapshot.of(product);
            apply(product, changes);
            if (before.equals(Snapshot.of(product))) {
                return Uni.createFrom().item(product);
            }
            product.updatedAt = clock.after(product.updatedAt);
            return publishChange(product, wasInStock);
        });
    }

    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id) {
        return manageable(caller, id)
                // the last state, so consumers (session product cards) can drop the product
                .call(product -> events.publish(ProductState.DELETED, product))
                .call(products::delete)
                .invoke(product -> Log.infof("Product %s deleted by user %d", product.id, caller.userId()))
                .replaceWithVoid();
    }

    /** Takes {@code quantity} out of a tracked stock; reaching 0 sells the product out. */
    @WithTransaction
    public Uni<Product> decrementStock(Caller caller, UUID id, int quantity) {
        return manageable(caller, id).chain(product -> {
            if (product.stock == null) {
                throw ApiException.conflict("stock_not_tracked", "This product does not track a stock quantity");
            }
            if (product.stock < quantity) {
                throw new ApiException(409, "insufficient_stock",
                        "Only " + product.stock + " left in stock", Map.of("available", product.stock));
            }
            boolean wasInStock = product.inStock;
            product.stock -= quantity;
            if (product.stock == 0) {
                product.inStock = false;
            }
            product.updatedAt = clock.after(product.updatedAt);
            return publishChange(product, wasInStock);
        });
    }

    private Uni<Product> publishChange(Product product, boolean wasInStock) {
        Uni<?> published = events.publish(ProductState.UPDATED, product);
        if (wasInStock && isSoldOut(product)) {
            published = published.chain(() -> events.publish(ProductState.SOLD_OUT, product))
                    .invoke(() -> Log.infof("Product %s sold out", product.id));
        }
        return published.replaceWith(product);
    }

    private static boolean isSoldOut(Product product) {
        return product.stock != null && product.stock == 0 && !product.inStock;
    }

    /**
     * The product, locked for this transaction; 403 when the caller's account is deactivated or may not manage it, 404
     * when unknown or out of the catalog (its seller is deactivated).
     */
    private Uni<Product> manageable(Caller caller, UUID id) {
        return refuseDeactivated(caller)
                .chain(() -> products.findForUpdate(id))
                .onItem().ifNull().failWith(() -> notFound(id))
                .invoke(product -> {
                    if (!product.sellerActive) {
                        throw notFound(id);
                    }
                    if (!caller.mayManage(product.sellerId)) {
                        throw ApiException.forbidden("Only the product's seller can change it");
                    }
                });
    }

    /**
     * A deactivated account's access token stays valid for up to its lifetime; the seller read model knows sooner. The
     * seller row stays locked until commit, so a deactivation applied meanwhile also hides what this write produced.
     */
    private Uni<Void> refuseDeactivated(Caller caller) {
        return sellers.activeForShare(caller.userId()).map(active -> {
            if (Boolean.FALSE.equals(active)) {
                throw ApiException.forbidden("This account has been deactivated");
            }
            return null;
        });
    }

    /**
     * Applies sent fields. Stock rules: stock 0 means not in stock (sending {@code inStock: true} with it is
     * refused); a stock going from 0 to more puts the product back in stock unless {@code inStock} says otherwise.
     */
    static void apply(Product product, ProductChanges changes) {
        Integer oldStock = product.stock;
        if (changes.name().present()) {
            product.name = changes.name().value();
        }
        if (changes.description().present()) {
            product.description = changes.description().value();
        }
        if (changes.price().present()) {
            product.price = changes.price().value();
        }
        if (changes.originalPrice().present()) {
            product.originalPrice = changes.originalPrice().value();
        }
        if (changes.category().present()) {
            CategoryName category = changes.category().value();
            product.category = category == null ? null : category.display();
            product.categoryKey = category == null ? null : category.key();
        }
        if (changes.imageUrl().present()) {
            product.imageUrl = changes.imageUrl().value();
        }
        if (changes.stock().present()) {
            product.stock = changes.stock().value();
        }
        boolean noStock = product.stock != null && product.stock == 0;
        if (changes.inStock().present()) {
            if (changes.inStock().value() && noStock) {
                throw ApiException.badRequest("inStock", "A product with stock 0 cannot be in stock");
            }
            product.inStock = changes.inStock().value();
        } else if (noStock) {
            product.inStock = false;
        } else if (changes.stock().present() && product.stock != null && Objects.equals(oldStock, 0)) {
            product.inStock = true;
        }
    }

    /**
     * Consumers keep the product state with the newest {@code updatedAt} (a state as old as the stored one is ignored):
     * every change is stamped after the previous one, one millisecond (the wire precision) later when two changes fall
     * within a millisecond or this replica's clock is behind. The row is locked, so no two changes race for it.
     */
    private static ApiException notFound(UUID id) {
        return ApiException.notFound("Product " + id + " not found");
    }

    /** The client-visible fields, to tell a real change from a no-op update. */
    private record Snapshot(String name, String description, BigDecimal price, BigDecimal originalPrice,
                            String category, boolean inStock, Integer stock, String imageUrl) {
        static Snapshot of(Product p) {
            return new Snapshot(p.name, p.description, p.price, p.originalPrice, p.category, p.inStock, p.stock,
                    p.imageUrl);
        }
    }
}
