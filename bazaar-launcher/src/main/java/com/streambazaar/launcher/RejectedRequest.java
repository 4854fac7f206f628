package com.streambazaar.launcher;

/**
 * A request the edge refuses before routing it, with the status and the human message of its JSON answer.
 * Thrown on the event loop for every bad request, so it carries no stack trace.
 */
final class RejectedRequest extends RuntimeException {

    private final int status;
    private final String error;

    RejectedRequest(int status, String error, String message) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
    }

    static RejectedRequest badRequest(String message) {
        return new RejectedRequest(400, "Bad Request", message);
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }
}
