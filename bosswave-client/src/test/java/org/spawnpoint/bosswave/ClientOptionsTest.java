package org.spawnpoint.bosswave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientOptionsTest {

    @Test
    void addressGetsTheDefaultPortWhenItHasNone() {
        assertEquals("agent.local:28589", ClientOptions.builder().address("agent.local").build().resolvedAddress());
        assertEquals("10.0.0.1:4000", ClientOptions.builder().address("10.0.0.1:4000").build().resolvedAddress());
        assertEquals("[::1]:28589", ClientOptions.builder().address("[::1]").build().resolvedAddress());
        assertEquals("[::1]:7", ClientOptions.builder().address("[::1]:7").build().resolvedAddress());
    }

    @Test
    void severalAddressesAreRoutersOfOneBusEachWithItsPort() {
        ClientOptions o = ClientOptions.builder().address("a.local, 10.0.0.2:4000,[::1],").build();
        assertEquals(java.util.List.of("a.local:28589", "10.0.0.2:4000", "[::1]:28589"), o.resolvedAddresses());
        assertEquals("a.local:28589,10.0.0.2:4000,[::1]:28589", o.resolvedAddress());
        assertEquals(java.util.List.of("127.0.0.1:28589"), ClientOptions.builder().address(",").build()
                .resolvedAddresses());
    }

    @Test
    void noAddressMeansTheEnvironmentThenTheDefault() {
        String env = System.getenv("BW2_AGENT");
        String expected = env == null || env.isBlank() ? "127.0.0.1:28589"
                : env.trim().contains(":") ? env.trim() : env.trim() + ":28589";
        assertEquals(expected, ClientOptions.defaults().resolvedAddress());
        assertEquals(expected, ClientOptions.builder().address(" ").build().resolvedAddress());
    }

    @Test
    void defaultsAreBw2bindsAndBadValuesAreRefused() {
        ClientOptions o = ClientOptions.defaults();
        assertEquals(Duration.ofSeconds(5), o.helloTimeout());
        assertEquals(false, o.autoReconnect());
        assertThrows(IllegalArgumentException.class, () -> ClientOptions.builder().helloTimeout(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class,
                () -> ClientOptions.builder().reconnectDelays(Duration.ofSeconds(2), Duration.ofSeconds(1)).build());
    }
}
