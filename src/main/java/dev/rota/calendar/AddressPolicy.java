package dev.rota.calendar;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which resolved addresses outbound calendar traffic may connect to. {@link #publicOnly()} refuses, in this order:
 * cloud metadata endpoints, loopback, any-local/"this network", private (RFC 1918), link-local, unique-local
 * (fc00::/7), carrier-grade NAT (100.64.0.0/10), multicast and broadcast — also when an IPv4 address hides inside
 * an IPv6 one (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}).
 */
interface AddressPolicy {

    /** Empty when the address may be used; otherwise why not ("loopback"). */
    Optional<String> refusal(InetAddress address);

    /** The rule set for untrusted calendar URLs. */
    static AddressPolicy publicOnly() {
        return address -> {
            InetAddress effective = embeddedIpv4(address).orElse(address);
            return RULES.stream().filter(rule -> rule.matches(effective)).map(Rule::reason).findFirst();
        };
    }

    /**
     * {@code ROTA_CALENDAR_ALLOW_PRIVATE_NETWORKS=true} (tests, on-premise servers): everything but the cloud metadata
     * endpoints, which hand out the host's credentials and are never a calendar or a webhook receiver.
     */
    static AddressPolicy privateNetworksToo() {
        return address -> RULES.get(0).matches(embeddedIpv4(address).orElse(address))
                ? Optional.of(RULES.get(0).reason()) : Optional.empty();
    }

    /** This policy, except that exactly the given addresses are allowed (tests of later redirect hops). */
    default AddressPolicy except(Set<InetAddress> allowed) {
        return address -> allowed.contains(address) ? Optional.empty() : refusal(address);
    }

    record Rule(String reason, java.util.function.Predicate<InetAddress> test) {
        boolean matches(InetAddress address) {
            return test.test(address);
        }
    }

    Set<String> METADATA = Set.of("169.254.169.254", "fd00:ec2:0:0:0:0:0:254", "100.100.100.200");

    List<Rule> RULES = List.of(
            new Rule("a cloud metadata address", a -> METADATA.contains(a.getHostAddress())),
            new Rule("loopback", InetAddress::isLoopbackAddress),
            new Rule("the any-local address", a -> a.isAnyLocalAddress() || v4(a, 0, 0, 8)),
            new Rule("private (RFC 1918)", a -> v4(a, 10, 0, 8) || v4(a, 172, 16, 12)
                    || v4(a, 192, 168, 16)),
            new Rule("link-local", InetAddress::isLinkLocalAddress),
            new Rule("unique-local (fc00::/7)", a -> a instanceof Inet6Address
                    && (a.getAddress()[0] & 0xfe) == 0xfc),
            new Rule("site-local (fec0::/10)", a -> a instanceof Inet6Address && a.isSiteLocalAddress()),
            new Rule("carrier-grade NAT (100.64.0.0/10)", a -> v4(a, 100, 64, 10)),
            new Rule("multicast", InetAddress::isMulticastAddress),
            new Rule("broadcast", a -> a instanceof Inet4Address && a.getHostAddress().equals("255.255.255.255")));

    /** True when an IPv4 address lies in first.second.0.0/prefixLength (prefixes up to 16 bits). */
    private static boolean v4(InetAddress address, int first, int second, int prefixLength) {
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        int value = ((address.getAddress()[0] & 0xff) << 8) | (address.getAddress()[1] & 0xff);
        int network = (first << 8) | second;
        int mask = prefixLength >= 16 ? 0xffff : (0xffff << (16 - prefixLength)) & 0xffff;
        return (value & mask) == (network & mask);
    }

    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        boolean mapped = firstTenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = firstTenZero && b[10] == 0 && b[11] == 0 && !address.isLoopbackAddress()
                && !address.isAnyLocalAddress();
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (!mapped && !compatible && !nat64) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
