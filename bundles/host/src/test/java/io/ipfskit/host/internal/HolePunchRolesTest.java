package io.ipfskit.host.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class HolePunchRolesTest {

    private final HolePunchRoles roles = new HolePunchRoles();

    @Test
    void theHeldRoleAppliesToTheAddressAndToOtherPortsOfItsIpUntilReleased() {
        Runnable release = roles.hold(List.of(new InetSocketAddress("198.51.100.7", 4001)), true);
        assertTrue(roles.client(new InetSocketAddress("198.51.100.7", 4001), false));
        assertTrue(roles.client(new InetSocketAddress("198.51.100.7", 53012), false), "a dial from an ephemeral port");
        assertFalse(roles.client(new InetSocketAddress("198.51.100.8", 4001), false), "another peer keeps the default");
        release.run();
        assertFalse(roles.client(new InetSocketAddress("198.51.100.7", 4001), false));
    }

    @Test
    void anExactAddressWinsOverAnotherPunchOnTheSameIp() {
        roles.hold(List.of(new InetSocketAddress("198.51.100.7", 4001)), false);
        roles.hold(List.of(new InetSocketAddress("198.51.100.7", 4002)), true);
        assertFalse(roles.client(new InetSocketAddress("198.51.100.7", 4001), true));
        assertTrue(roles.client(new InetSocketAddress("198.51.100.7", 4002), false));
    }
}
