package com.streambazaar.session.rest;

/** The {@code creator} block of a session: username and role may be null while the user is not known here yet. */
public record CreatorCard(long id, String username, String role) {
}
