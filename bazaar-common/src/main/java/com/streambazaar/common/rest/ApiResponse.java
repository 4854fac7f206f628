package com.streambazaar.common.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The response envelope existing clients read: {@code {"success", "message", "data", "count"}}.
 * Errors use {@link ErrorBody} instead.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiResponse<T>(boolean success, String message, T data, Integer count) {

    public static <T> ApiResponse<T> ok(String message, T data) {
        return new ApiResponse<>(true, message, data, null);
    }

    public static <T> ApiResponse<List<T>> list(String message, List<T> data) {
        return new ApiResponse<>(true, message, data, data.size());
    }

    public static ApiResponse<Void> done(String message) {
        return new ApiResponse<>(true, message, null, null);
    }
}
