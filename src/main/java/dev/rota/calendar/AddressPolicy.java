package dev.rota.calendar;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which resolved addresses outbound calendar and webhook traffic may connect to. {@link #publicOnly()} refuses, in
 * this order: cloud metadata and credential endpoints (all of 169.254.0.0/16, AWS's fd00:ec2::/32, Alibaba's
 * 100.100.100.200, Oracle's 192.0.0.192), loopback, any-local/"this network", private (RFC 1918), link-local,
 * unique-local (fc00::/7), carrier-grade NAT (100.64.0.0/10), multicast, the special-purpose ranges that are never a
 * public host (192.0.0.0/24, the documentation ranges, benchmarking 198.18.0.0/15, reserved 240.0.0.0/4 with
 * broadcast, 2001:db8::/32, Teredo 2001::/32, discard 100::/64) — also when an IPv4 address hides inside an IPv6
 * one (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4
 * {@code 2002:aabb:ccdd::/48}).
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
     * and credential endpoints, which hand out the host's credentials and are never a calendar or a webhook receiver
     * (IPv4 link-local as a whole: the clouds keep adding such endpoints there).
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

    Set<String> METADATA = Set.of("100.100.100.200", "192.0.0.192");

    List<Rule> RULES = List.of(
            new Rule("a cloud metadata address", a -> METADATA.contains(a.getHostAddress()) || v4(a, 169, 254, 16)
                    || v6(a, 0xfd00, 0x0ec2, 32)),
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
            new Rule("reserved (240.0.0.0/4, with broadcast)", a -> v4(a, 240, 0, 4)),
            new Rule("special-purpose, never a public host", a -> v4(a, 192, 0, 0, 24) || v4(a, 192, 0, 2, 24)
                    || v4(a, 198, 51, 100, 24) || v4(a, 203, 0, 113, 24) || v4(a, 198, 18, 15)
                    || v6(a, 0x2001, 0x0db8, 32) || v6(a, 0x2001, 0x0000, 32) || v6(a, 0x0100, 0, 64)));

    /** True when an IPv4 address lies in first.second.0.0/prefixLength (prefixes up to 16 bits). */
    private static boolean v4(InetAddress address, int first, int second, int prefixLength) {
        return v4(address, first, second, 0, prefixLength);
    }

    /** True when an IPv4 address lies in first.second.third.0/prefixLength (prefixes up to 24 bits). */
    private static boolean v4(InetAddress address, int first, int second, int third, int prefixLength) {
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        byte[] b = address.getAddress();
        int value = ((b[0] & 0xff) << 16) | ((b[1] & 0xff) << 8) | (b[2] & 0xff);
        int network = (first << 16) | (second << 8) | third;
        int mask = (0xffffff << (24 - prefixLength)) & 0xffffff;
        return (value & mask) == (network & mask);
    }

    /** True when an IPv6 address starts with the groups first:second and then (for /64) zeros, to prefixLength 32 or 64. */
    private static boolean v6(InetAddress address, int first, int second, int prefixLength) {
        if (!(address instanceof Inet6Address)) {
            return false;
        }
        byte[] b = address.getAddress();
        boolean head = (((b[0] & 0xff) << 8) | (b[1] & 0xff)) == first && (((b[2] & 0xff) << 8) | (b[3] & 0xff)) == second;
        for (int i = 4; head && i < prefixLength / 8; i++) {
            head = b[i] == 0;
        }
        return head;
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
        boolean sixToFour = (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02;
        if (!mapped && !compatible && !nat64 && !sixToFour) {
            return Optional.empty();
        }
        int at = sixToFour ? 2 : 12;
        try {
            return Optional.of(InetAddress.getByAddress(new byte[]{b[at], b[at + 1], b[at + 2], b[at + 3]}));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
