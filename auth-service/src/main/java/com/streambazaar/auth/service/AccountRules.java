package com.streambazaar.auth.service;

import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.security.Roles;

import java.util.regex.Pattern;

/** The rules every account field must pass (API.md: usernames 3–50 [A-Za-z0-9_.-], valid email, password 8–128). */
public final class AccountRules {

    public static final int USERNAME_MIN = 3;
    public static final int USERNAME_MAX = 50;
    public static final int EMAIL_MAX = 254;
    public static final int PASSWORD_MIN = 8;
    public static final int PASSWORD_MAX = 128;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]+");
    // the WHATWG (HTML input type=email) grammar, with at least one dot in the domain
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@"
            + "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private AccountRules() {
    }

    public static String username(String value) {
        required("username", value);
        if (value.length() < USERNAME_MIN || value.length() > USERNAME_MAX) {
            throw ApiException.badRequest("username",
                    "username must be " + USERNAME_MIN + "–" + USERNAME_MAX + " characters long");
        }
        if (!USERNAME.matcher(value).matches()) {
            throw ApiException.badRequest("username",
                    "username may contain only letters, digits, '_', '.' and '-'");
        }
        return value;
    }

    public static String email(String value) {
        required("email", value);
        if (value.length() > EMAIL_MAX) {
            throw ApiException.badRequest("email", "email must be at most " + EMAIL_MAX + " characters long");
        }
        if (!EMAIL.matcher(value).matches()) {
            throw ApiException.badRequest("email", "email is not a valid email address");
        }
        return value;
    }

    public static String password(String field, String value) {
        required(field, value);
        int length = value.codePointCount(0, value.length());
        if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
            throw ApiException.badRequest(field, field + " must be " + PASSWORD_MIN + "–" + PASSWORD_MAX + " characters long");
        }
        return value;
    }

    /**
     * Self-registration may choose viewer or creator; without a choice the configured default applies
     * ({@link RegistrationPolicy}). Admin comes only from operator configuration or another admin.
     */
    public static String registrationRole(String value, String defaultRole) {
        if (value == null) {
            return defaultRole;
        }
        if (Roles.VIEWER.equals(value) || Roles.CREATOR.equals(value)) {
            return value;
        }
        throw ApiException.badRequest("role", "role must be 'viewer' or 'creator'");
    }

    /** What an admin may give an account: any of the three roles. */
    public static String assignableRole(String value) {
        required("role", value);
        if (Roles.VIEWER.equals(value) || Roles.CREATOR.equals(value) || Roles.ADMIN.equals(value)) {
            return value;
        }
        throw ApiException.badRequest("role", "role must be 'viewer', 'creator' or 'admin'");
    }

    /** What a user may switch their own account to: viewer or creator. Asking for admin is refused, not ignored. */
    public static String selfServiceRole(String value) {
        required("role", value);
        if (Roles.ADMIN.equals(value)) {
            throw ApiException.forbidden("The admin role cannot be chosen; only operators and admins grant it");
        }
        if (Roles.VIEWER.equals(value) || Roles.CREATOR.equals(value)) {
            return value;
        }
        throw ApiException.badRequest("role", "role must be 'viewer' or 'creator'");
    }

    /** What a login form may send: present and of sane size (no format rules, so old accounts can still log in). */
    public static String loginField(String field, String value, int max) {
        required(field, value);
        if (value.length() > max) {
            throw ApiException.badRequest(field, field + " must be at most " + max + " characters long");
        }
        return value;
    }

    private static void required(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw ApiException.badRequest(field, field + " is required");
        }
    }
}
