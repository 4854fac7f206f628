package com.streambazaar.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EdgeAccessLogTest {

    @Test
    void everyLineReachesTheFileInOrderByClose(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("edge.log");
        List<String> lines = IntStream.range(0, 500).mapToObj(i -> "GET /api/products/" + i + " 200").toList();
        try (EdgeAccessLog log = new EdgeAccessLog(file)) {
            lines.forEach(log);
        }
        assertEquals(lines, Files.readAllLines(file));
    }

    @Test
    void linesAfterCloseAreIgnored(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("edge.log");
        EdgeAccessLog log = new EdgeAccessLog(file);
        log.accept("first");
        log.close();
        log.accept("too late");
        assertEquals(List.of("first"), Files.readAllLines(file));
    }
}
