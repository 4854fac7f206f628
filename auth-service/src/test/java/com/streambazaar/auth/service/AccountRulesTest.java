package com.streambazaar.auth.service;

import com.streambazaar.common.rest.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The account field rules, without HTTP: what passes as typed, and the 400 (or 403) naming the field otherwise. */
class AccountRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "Mixed.Case_name-1", "x23456789012345678901234567890123456789012345678_0"})
    void usernamesOfThreeToFiftyAllowedCharactersPassAsTyped(String username) {
        assertEquals(username, AccountRules.username(username));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "x234567890123456789012345678901234567890123456789_1", "has space", "bad/char",
            "émile", "tab\tname", "nul\u0000name"})
    void otherUsernamesAreRefused(String username) {
        assertRefused("username", () -> AccountRules.username(username));
    }

    @Test
    void missingOrEmptyFieldsAreRequired() {
        ApiException missing = assertRefused("username", () -> AccountRules.username(null));
        assertEquals("username is required", missing.getMessage());
        assertEquals("email is required", assertRefused("email", () -> AccountRules.email("")).getMessage());
        assertEquals("password is required", assertRefused("password", () -> AccountRules.password("password", null))
                .getMessage());
    }

    @Test
    void emailsNeedALocalPartAndADottedDomainWithinTheLimit() {
        assertEquals("Some.One+tag@mail.example.co", AccountRules.email("Some.One+tag@mail.example.co"));
        for (String bad : new String[] {"not-an-email", "a@b", "@example.com", "a@-example.com", "a b@example.com",
                "a@example..com", "x".repeat(250) + "@example.test"}) {
            assertRefused("email", () -> AccountRules.email(bad));
        }
    }

    @Test
    void passwordsCountCharactersNotBytesFromEightTo128() {
        assertEquals("12345678", AccountRules.password("password", "12345678"));
        assertEquals("p".repeat(128), AccountRules.password("password", "p".repeat(128)));
        String eightEmoji = "\uD83D\uDE00".repeat(8);
        assertEquals(eightEmoji, AccountRules.password("password", eightEmoji), "16 chars, 8 characters");
        assertRefused("password", () -> AccountRules.password("password", "1234567"));
        assertRefused("password", () -> AccountRules.password("password", "p".repeat(129)));
        assertRefused("newPassword", () -> AccountRules.password("newPassword", "short"));
        assertEquals(" spaced ", AccountRules.password("password", " spaced "), "never trimmed");
    }

    @Test
    void registrationChoosesViewerOrCreatorAndFallsBackToTheDefault() {
        assertEquals("creator", AccountRules.registrationRole(null, "creator"));
        assertEquals("viewer", AccountRules.registrationRole("viewer", "creator"));
        assertEquals("creator", AccountRules.registrationRole("creator", "viewer"));
        for (String bad : new String[] {"admin", "ADMIN", "Creator", "", "superuser"}) {
            assertRefused("role", () -> AccountRules.registrationRole(bad, "viewer"));
        }
    }

    @Test
    void adminsAssignAnyRoleUsersSwitchOnlyBetweenViewerAndCreator() {
        for (String role : new String[] {"viewer", "creator", "admin"}) {
            assertEquals(role, AccountRules.assignableRole(role));
        }
        assertRefused("role", () -> AccountRules.assignableRole("owner"));
        assertEquals("creator", AccountRules.selfServiceRole("creator"));
        assertEquals("viewer", AccountRules.selfServiceRole("viewer"));
        ApiException admin = assertThrows(ApiException.class, () -> AccountRules.selfServiceRole("admin"));
        assertEquals(403, admin.status(), "asking for admin is refused, not ignored");
        assertRefused("role", () -> AccountRules.selfServiceRole("moderator"));
    }

    @Test
    void loginFieldsNeedOnlyPresenceAndASaneSize() {
        assertEquals("old name with spaces", AccountRules.loginField("username", "old name with spaces", 254),
                "no format rules: old accounts still log in");
        assertRefused("username", () -> AccountRules.loginField("username", "u".repeat(255), 254));
        assertRefused("password", () -> AccountRules.loginField("password", "", 512));
    }

    private static ApiException assertRefused(String field, Runnable rule) {
        ApiException refusal = assertThrows(ApiException.class, rule::run);
        assertEquals(400, refusal.status());
        assertEquals(field, refusal.details().get("field"));
        return refusal;
    }
}
