package com.streambazaar.catalog;

import com.streambazaar.catalog.repository.ProductSearchCriteria;
import com.streambazaar.catalog.repository.ProductSearchSql;
import com.streambazaar.catalog.repository.ProductSort;
import com.streambazaar.testkit.BazaarTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Search stays index-backed: the exact SQL the service runs is planned by Postgres on 20,000 rows (inserted in a
 * transaction that is rolled back, so other tests never see them) and must use the trigram index, not a scan.
 */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class SearchIndexPlanTest {

    private static final String FILL = """
            insert into catalog.product (id, name, description, price, category, category_key, in_stock, seller_id,
                                         created_at, updated_at)
            select gen_random_uuid(), 'item ' || md5(i::text), 'about ' || md5((i * 7)::text), (i % 1000) + 0.99,
                   'Cat ' || (i % 40), 'cat ' || (i % 40), i % 3 <> 0, 900000000 + (i % 50),
                   now() - i * interval '1 second', now()
            from generate_series(1, 20000) as i""";

    @Test
    void textSearchIsAnsweredFromTheTrigramIndex() throws SQLException, IOException {
        try (Connection c = CatalogApi.db()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute(FILL);
                s.execute("analyze catalog.product");
                s.execute("set local search_path = catalog");
                String needle = single(s, "select substr(md5('12345'), 3, 12)");

                StringBuilder report = new StringBuilder();
                for (ProductSearchCriteria criteria : new ProductSearchCriteria[]{
                        new ProductSearchCriteria(needle, null, null, null, null, ProductSort.NEWEST, 20, 0),
                        new ProductSearchCriteria(needle, "cat 5", true, new BigDecimal("1.00"),
                                new BigDecimal("999.99"), ProductSort.PRICE_ASC, 20, 0)}) {
                    ProductSearchSql sql = ProductSearchSql.of(criteria);
                    for (String query : new String[]{
                            inline(sql.pageQuery(), sql.pageParameters()),
                            inline(sql.countQuery(), sql.countParameters())}) {
                        String plan = plan(s, query);
                        report.append(query).append('\n').append(plan).append('\n');
                        assertTrue(plan.contains("Bitmap Index Scan on product_search_trgm_idx"),
                                "search must use the trigram index:\n" + query + "\n" + plan);
                        assertTrue(!plan.contains("Seq Scan"), "no sequential scan:\n" + plan);
                    }
                }
                // the rows are really found through that plan
                ProductSearchSql upperCase = ProductSearchSql.of(new ProductSearchCriteria(needle.toUpperCase(Locale.ROOT),
                        null, null, null, null, ProductSort.NEWEST, 20, 0));
                assertEquals("1", single(s, inline(upperCase.countQuery(), upperCase.countParameters())));
                System.out.println("Search query plans on 20,000 products:\n" + report);
                Path out = Path.of("target", "search-query-plan.txt");
                Files.createDirectories(out.getParent());
                Files.writeString(out, report);
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void trigramExtensionLivesInPublicAndTheIndexUsesIt() throws SQLException {
        try (Connection c = CatalogApi.db(); Statement s = c.createStatement()) {
            assertEquals("public", single(s, "select n.nspname from pg_extension e join pg_namespace n "
                    + "on n.oid = e.extnamespace where e.extname = 'pg_trgm'"));
            String definition = single(s, "select indexdef from pg_indexes where schemaname = 'catalog' "
                    + "and indexname = 'product_search_trgm_idx'");
            assertTrue(definition.contains("gin_trgm_ops") && definition.contains("USING gin"), definition);
        }
    }

    private static String plan(Statement s, String query) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = s.executeQuery("explain " + query)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private static String single(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            assertTrue(rs.next(), query);
            return rs.getString(1);
        }
    }

    /** The service binds these; EXPLAIN here gets them as literals (the plan is the one for these values). */
    private static String inline(String query, Map<String, Object> parameters) {
        String result = query;
        for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
            Object value = parameter.getValue();
            String literal = value instanceof String text ? "'" + text.replace("'", "''") + "'" : String.valueOf(value);
            result = result.replaceAll(":" + parameter.getKey() + "\\b", Matcher.quoteReplacement(literal));
        }
        return result;
    }
}
