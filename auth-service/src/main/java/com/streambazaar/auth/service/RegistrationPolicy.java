package com.streambazaar.auth.service;

import com.streambazaar.auth.config.AuthConfig;
import com.streambazaar.common.security.Roles;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;

/**
 * Which role a self-registered account gets. The existing web app's form sends no role, so an operator serving it
 * sets {@code bazaar.auth.registration.default-role} (BAZAAR_AUTH_DEFAULT_ROLE) to creator; an explicit role in the
 * request still wins. A misconfigured value stops the start rather than silently making everyone a viewer.
 */
// created at start: a bad value must fail the start, not the first registration
@Startup
@ApplicationScoped
public class RegistrationPolicy {

    static final String KEY = "bazaar.auth.registration.default-role";

    private final String defaultRole;

    public RegistrationPolicy(AuthConfig config) {
        this.defaultRole = checkedDefaultRole(config.registration().defaultRole());
    }

    /** The role for a registration that asked for {@code requested} (null = no choice). */
    public String roleFor(String requested) {
        return AccountRules.registrationRole(requested, defaultRole);
    }

    public String defaultRole() {
        return defaultRole;
    }

    static String checkedDefaultRole(String configured) {
        String role = configured == null ? "" : configured.trim().toLowerCase(Locale.ROOT);
        if (Roles.VIEWER.equals(role) || Roles.CREATOR.equals(role)) {
            return role;
        }
        throw new IllegalStateException(KEY + " (env BAZAAR_AUTH_DEFAULT_ROLE) must be 'viewer' or 'creator', not '"
                + configured + "'");
    }
}
