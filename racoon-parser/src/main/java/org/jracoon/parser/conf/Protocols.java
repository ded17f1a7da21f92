package org.jracoon.parser.conf;

import java.util.Map;
import java.util.Optional;

/** The upper-layer protocol names a sainfo accepts, with their IANA protocol numbers. */
public final class Protocols {

    private static final Map<String, Integer> BY_NAME = Map.of(
            "any", SainfoId.ANY_PROTOCOL, "icmp", 1, "tcp", 6, "udp", 17, "gre", 47, "esp", 50, "ah", 51,
            "icmp6", 58, "ipcomp", 108);

    private Protocols() {
    }

    static int number(String name) {
        Integer n = BY_NAME.get(name);
        if (n == null) {
            throw new IllegalArgumentException("unknown protocol " + name);
        }
        return n;
    }

    /** The name racoon.conf uses for a protocol number, if it has one. */
    public static Optional<String> name(int number) {
        return BY_NAME.entrySet().stream().filter(e -> e.getValue() == number).map(Map.Entry::getKey).findFirst();
    }
}
