package com.streambazaar.realtime.ws;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(Optional.of(List.of("127.0.0.1/32", "::1/128", "10.1.0.0/16")));

    @Test
    void aTrustedProxyNamesTheClient() {
        assertEquals("203.0.113.9", addresses.of("127.0.0.1", headers("203.0.113.9")));
        assertEquals("203.0.113.9", addresses.of("127.0.0.1:51234", headers("203.0.113.9, 10.1.2.3")));
        assertEquals("2001:db8::7", addresses.of("[::1]:4000", headers("[2001:db8::7]:1234")));
        assertEquals("198.51.100.1", addresses.of("10.1.200.3", headers("198.51.100.1")));
    }

    @Test
    void anyoneElsesForwardedHeaderIsIgnored() {
        assertEquals("127.0.0.3", addresses.of("127.0.0.3", headers("203.0.113.9")));
        assertEquals("10.2.0.1", addresses.of("10.2.0.1:80", headers("203.0.113.9")));
        assertEquals("127.0.0.1", addresses.of("127.0.0.1", headers(null)));
        assertNull(addresses.of(null, headers("203.0.113.9")));
    }

    @Test
    void namesAreNeverLookedUp() {
        ClientAddresses byName = new ClientAddresses(Optional.of(List.of("localhost", "proxy.example")));
        assertEquals("127.0.0.1", byName.of("127.0.0.1", headers("203.0.113.9")));
    }

    private static java.util.function.Function<String, String> headers(String forwardedFor) {
        return name -> name.equals("X-Forwarded-For") ? forwardedFor : Map.<String, String>of().get(name);
    }
}
