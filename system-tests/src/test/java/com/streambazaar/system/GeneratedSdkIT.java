package com.streambazaar.system;

import com.streambazaar.sdk.ApiClient;
import com.streambazaar.sdk.ApiException;
import com.streambazaar.sdk.api.ProductsApi;
import com.streambazaar.sdk.api.SearchApi;
import com.streambazaar.sdk.model.PageProduct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clients openapi-generator makes from the committed {@code docs/openapi.yaml} work against the running stack:
 * the TypeScript one (typescript-fetch, compiled by tsc in this module's build) runs a client developer's first
 * scenario, the Java one (library native) reads the catalog.
 */
@ExtendWith(SharedStack.class)
class GeneratedSdkIT {

    @Test
    void theTypeScriptClientRegistersLogsInSellsAndHostsASession() throws Exception {
        Path sdk = Path.of(System.getProperty("bazaar.sdk.dir", "target/sdk")).resolve("typescript");
        Path scenario = sdk.resolve("dist/scenario.js");
        assertTrue(Files.exists(scenario), scenario + " is compiled by this module's build (tsc)");
        Process node = new ProcessBuilder("node", scenario.toString(), SharedStack.stack().baseUrl())
                .directory(sdk.toFile()).redirectErrorStream(true).start();
        boolean finished = node.waitFor(90, TimeUnit.SECONDS);
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            node.destroyForcibly();
        }
        System.out.println("TypeScript SDK scenario:\n" + output);
        assertTrue(finished, "the scenario finished within 90 s");
        assertEquals(0, node.exitValue(), "the scenario succeeded:\n" + output);
        for (String step : List.of("registerUser", "login", "createProduct", "createSession", "getSession", "refused",
                "done")) {
            assertTrue(output.contains("\"step\":\"" + step + "\""), "step " + step + " ran:\n" + output);
        }
    }

    @Test
    void theJavaClientReadsTheCatalog() throws ApiException {
        ApiClient client = new ApiClient();
        client.updateBaseUri(SharedStack.stack().baseUrl());
        List<String> categories = new ProductsApi(client).listProductCategories();
        assertNotNull(categories);
        PageProduct page = new SearchApi(client).searchProducts(null, null, 5, null, null, 0, null, null);
        assertEquals(5, page.getLimit());
        assertEquals(0, page.getOffset());
        assertTrue(page.getTotal() >= page.getData().size());
    }
}
