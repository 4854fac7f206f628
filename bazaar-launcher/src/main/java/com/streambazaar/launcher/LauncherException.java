package com.streambazaar.launcher;

/**
 * A failure the launcher explains to the developer in one message (which port, which process, what to
 * change) instead of a stack trace. {@code exitCode} lets the script tell "already running" from "failed".
 */
public final class LauncherException extends RuntimeException {

    /** Something went wrong while starting or stopping. */
    public static final int FAILED = 1;
    /** A stack from the same state folder is already running; nothing was touched. */
    public static final int ALREADY_RUNNING = 2;
    /** Ctrl-C or ./bazaar down arrived while the stack was still starting: not an error, just an early end. */
    public static final int INTERRUPTED = 130;

    private final int exitCode;

    public LauncherException(String message) {
        this(message, FAILED);
    }

    public LauncherException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
