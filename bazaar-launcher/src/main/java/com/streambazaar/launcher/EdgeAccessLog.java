package com.streambazaar.launcher;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The edge's access log. The proxy calls it on its event loop for every request, so lines are only queued there;
 * a background thread writes them, flushing whenever the queue runs dry. Under a flood the queue drops lines
 * rather than slowing requests down.
 */
final class EdgeAccessLog implements Consumer<String>, AutoCloseable {

    private final BlockingQueue<String> pending = new ArrayBlockingQueue<>(10_000);
    private final BufferedWriter out;
    private final Thread writer;
    private volatile boolean open = true;

    EdgeAccessLog(Path file) {
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.writer = new Thread(this::drain, "edge-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void accept(String line) {
        if (open) {
            pending.offer(line);
        }
    }

    private void drain() {
        try {
            while (open || !pending.isEmpty()) {
                String line = pending.poll(200, TimeUnit.MILLISECONDS);
                if (line != null) {
                    out.write(line);
                    out.newLine();
                }
                if (pending.isEmpty()) {
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // an access log line is not worth failing the edge for
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            writer.join(2000);
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // closing on the way out
        }
    }
}
