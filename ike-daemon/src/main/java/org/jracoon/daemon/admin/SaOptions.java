package org.jracoon.daemon.admin;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.TrafficSelector;

/**
 * racoonctl's {@code <saopts>} after the protocol word (racoonctl(8)):
 * {@code isakmp inet|inet6 SRC DST} names an ISAKMP SA by its endpoints;
 * {@code esp|ah inet|inet6 SRC[/PREFIX][[PORT]] DST[/PREFIX][[PORT]] [icmp|tcp|udp|gre|any|NUMBER]}
 * names traffic as the outbound policy's selector does (a missing prefix is the whole address,
 * a missing protocol {@code any}).
 */
final class SaOptions {

    private static final Pattern ENDPOINT = Pattern.compile("([0-9A-Fa-f.:]+)(?:/(\\d{1,3}))?(?:\\[(\\d{1,5}|any)])?");
    private static final Map<String, Integer> UPPER_PROTOCOLS = Map.of("any", TrafficSelector.ANY_PROTOCOL,
            "icmp", 1, "tcp", 6, "udp", 17, "gre", 47);

    private SaOptions() {
    }

    /** The two ends of an ISAKMP SA: ours, then the peer's. */
    record Ends(InetAddress local, InetAddress peer) {
    }

    /** {@code inet|inet6 SRC DST}. */
    static Ends isakmp(List<String> words) throws AdminException {
        if (words.size() != 3) {
            throw new AdminException("isakmp takes: inet|inet6 SOURCE DESTINATION");
        }
        boolean inet6 = family(words.get(0));
        return new Ends(address(words.get(1), inet6), address(words.get(2), inet6));
    }

    /** {@code inet|inet6 SRC[/PREFIX][[PORT]] DST[/PREFIX][[PORT]] [UPPER]}: source is our side. */
    static TrafficSelector selector(String protocol, List<String> words) throws AdminException {
        if (words.size() != 3 && words.size() != 4) {
            throw new AdminException(protocol + " takes: inet|inet6 SOURCE[/PREFIX][[PORT]] DESTINATION[/PREFIX][[PORT]]"
                    + " [icmp|tcp|udp|gre|any]");
        }
        boolean inet6 = family(words.get(0));
        Matcher src = endpoint(words.get(1));
        Matcher dst = endpoint(words.get(2));
        int upper = words.size() == 4 ? upperProtocol(words.get(3)) : TrafficSelector.ANY_PROTOCOL;
        try {
            return new TrafficSelector(prefix(src, inet6), port(src), prefix(dst, inet6), port(dst), upper);
        } catch (IllegalArgumentException e) {
            throw new AdminException(e.getMessage());
        }
    }

    private static boolean family(String word) throws AdminException {
        return switch (word) {
            case "inet" -> false;
            case "inet6" -> true;
            default -> throw new AdminException("unknown address family \"" + word + "\" (inet or inet6)");
        };
    }

    private static Matcher endpoint(String word) throws AdminException {
        Matcher m = ENDPOINT.matcher(word);
        if (!m.matches()) {
            throw new AdminException("\"" + word + "\" is not ADDRESS[/PREFIX][[PORT]]");
        }
        return m;
    }

    private static IpPrefix prefix(Matcher m, boolean inet6) throws AdminException {
        InetAddress address = address(m.group(1), inet6);
        int bits = address.getAddress().length * 8;
        int length = m.group(2) == null ? bits : Integer.parseInt(m.group(2));
        if (length > bits) {
            throw new AdminException("prefix /" + length + " is longer than the address " + m.group(1));
        }
        return new IpPrefix(address, length);
    }

    private static int port(Matcher m) throws AdminException {
        if (m.group(3) == null || m.group(3).equals("any")) {
            return TrafficSelector.ANY_PORT;
        }
        int port = Integer.parseInt(m.group(3));
        if (port > 65535) {
            throw new AdminException("port " + port + " is out of range (0 to 65535)");
        }
        return port;
    }

    private static int upperProtocol(String word) throws AdminException {
        Integer named = UPPER_PROTOCOLS.get(word.toLowerCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        if (word.matches("\\d{1,3}") && Integer.parseInt(word) <= 255) {
            return Integer.parseInt(word);
        }
        throw new AdminException("unknown upper-layer protocol \"" + word + "\" (icmp, tcp, udp, gre, any or 0-255)");
    }

    /** A literal address of the family asked for; names are not looked up, as racoonctl needs numbers too. */
    static InetAddress address(String literal, boolean inet6) throws AdminException {
        AdminException notOne = new AdminException("\"" + literal + "\" is not an " + (inet6 ? "IPv6" : "IPv4")
                + " address");
        if (!literal.matches("[0-9A-Fa-f.:]+") || inet6 != literal.contains(":")) {
            throw notOne;
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw notOne;
        }
        if (inet6 ? !(address instanceof Inet6Address) : !(address instanceof Inet4Address)) {
            throw notOne;
        }
        return address;
    }
}
