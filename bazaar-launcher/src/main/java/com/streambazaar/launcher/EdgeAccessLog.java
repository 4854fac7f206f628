package com.streambazaar.launcher;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * The edge's access log. The proxy calls it on its event loops for every request, so lines are only queued there;
 * a background thread writes what has queued up every {@link #BATCH_MILLIS} ms, one write and flush per batch. It
 * sleeps in between rather than waiting on the queue, so that queueing a line never has to wake a thread (that
 * wake-up and a write per line cost the edge a good share of its throughput). Under a flood the queue drops lines
 * rather than slowing requests down.
 */
final class EdgeAccessLog implements Consumer<String>, AutoCloseable {

    /** Lines reach the file this late at most; a person reading the log does not notice. */
    static final long BATCH_MILLIS = 50;

    /** Room for a batch at 100,000 requests a second. */
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
        List<String> batch = new ArrayList<>();
        try {
            while (true) {
                // read before draining: whatever was queued before close() is in the queue by then
                boolean closing = !open;
                if (pending.drainTo(batch) > 0) {
                    for (String line : batch) {
                        out.write(line);
                        out.newLine();
                    }
                    batch.clear();
                    out.flush();
                } else if (closing) {
                    return;
                } else {
                    Thread.sleep(BATCH_MILLIS);
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
