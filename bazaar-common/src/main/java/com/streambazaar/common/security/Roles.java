package com.streambazaar.common.security;

/** The roles carried in the {@code groups} claim of access tokens. */
public final class Roles {
    public static final String VIEWER = "viewer";
    public static final String CREATOR = "creator";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
