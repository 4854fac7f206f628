package com.streambazaar.auth.service;

import com.streambazaar.common.rest.ApiException;
import io.vertx.pgclient.PgException;
import org.hibernate.exception.ConstraintViolationException;

/** Turns a unique-index violation on users (two registrations racing for one name) into the documented 409. */
final class DuplicateAccount {

    static final ApiException USERNAME_TAKEN = ApiException.conflict("username_taken", "Username is already taken");
    static final ApiException EMAIL_TAKEN = ApiException.conflict("email_taken", "Email is already registered");

    private DuplicateAccount() {
    }

    static Throwable translate(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            // Hibernate Reactive reports it as its own ConstraintViolationException; the plain client as PgException
            String violated = null;
            if (cause instanceof ConstraintViolationException hibernate) {
                violated = hibernate.getConstraintName() + " " + hibernate.getMessage();
            } else if (cause instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                violated = pg.getConstraint() + " " + pg.getErrorMessage();
            }
            if (violated != null && violated.contains("users_username_key")) {
                return USERNAME_TAKEN;
            }
            if (violated != null && violated.contains("users_email_key")) {
                return EMAIL_TAKEN;
            }
        }
        return failure;
    }
}
