package com.streambazaar.testkit;

import io.restassured.RestAssured;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the service under test's {@code /q/metrics} (Prometheus text format) as a scraper would, so a test can assert
 * that doing something moved a metric.
 */
public final class MetricsScrape {

    private final String text;

    private MetricsScrape(String text) {
        this.text = text;
    }

    /** Scrapes the application of the running {@code @QuarkusTest}. */
    public static MetricsScrape now() {
        return new MetricsScrape(RestAssured.given().accept("text/plain").get("/q/metrics")
                .then().statusCode(200).extract().asString());
    }

    /**
     * The sample {@code name} whose labels include every given pair ({@code "protocol", "ws", ...}); 0 when there is
     * no such sample (a counter that never moved). Several matching samples are summed.
     */
    public double value(String name, String... labelPairs) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i + 1 < labelPairs.length; i += 2) {
            wanted.put(labelPairs[i], labelPairs[i + 1]);
        }
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String sample = brace >= 0 ? line.substring(0, brace) : line.substring(0, space);
            if (!sample.equals(name)) {
                continue;
            }
            String labels = brace >= 0 ? line.substring(brace + 1, line.lastIndexOf('}')) : "";
            if (wanted.entrySet().stream().allMatch(e -> labels.contains(e.getKey() + "=\"" + e.getValue() + "\""))) {
                sum += Double.parseDouble(line.substring(space + 1));
            }
        }
        return sum;
    }

    /** Whether any sample of that name is exposed at all. */
    public boolean has(String name) {
        for (String line : text.split("\n")) {
            if (!line.startsWith("#") && (line.startsWith(name + "{") || line.startsWith(name + " "))) {
                return true;
            }
        }
        return false;
    }

    public String text() {
        return text;
    }
}
