package com.streambazaar.auth.service;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configured default registration role: viewer or creator, anything else stops the start with a clear message. */
class RegistrationPolicyTest {

    @Test
    void viewerAndCreatorAreAccepted() {
        assertEquals("viewer", RegistrationPolicy.checkedDefaultRole("viewer"));
        assertEquals("creator", RegistrationPolicy.checkedDefaultRole("creator"));
        assertEquals("creator", RegistrationPolicy.checkedDefaultRole(" Creator "));
    }

    @Test
    void anythingElseFailsNamingTheSettingAndTheAllowedValues() {
        for (String wrong : new String[] {"admin", "seller", "", null}) {
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> RegistrationPolicy.checkedDefaultRole(wrong));
            assertTrue(failure.getMessage().contains("bazaar.auth.registration.default-role"), failure.getMessage());
            assertTrue(failure.getMessage().contains("BAZAAR_AUTH_DEFAULT_ROLE"), failure.getMessage());
            assertTrue(failure.getMessage().contains("'viewer' or 'creator'"), failure.getMessage());
        }
    }
}
