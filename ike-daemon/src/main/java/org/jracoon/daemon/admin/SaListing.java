package org.jracoon.daemon.admin;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jracoon.ike.engine.IsakmpSaStatus;
import org.jracoon.ike.sa.IpsecSa;
import org.jracoon.ike.sa.Role;

/**
 * show-sa's text. ISAKMP SAs in racoonctl's columns (Destination as {@code address.port} in 22
 * characters, Cookies {@code i:r}, Created as local time) with the state and age added; the long
 * form ({@code racoonctl -l}) puts the source first and adds side and the count of IPsec SA
 * pairs ("Phase2"), as racoonctl -ll does. IPsec SAs one line per direction, named as setkey
 * names them (source, destination, protocol, mode, SPI).
 */
final class SaListing {

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final ZoneId zone;
    private final Instant now;

    SaListing(ZoneId zone, Instant now) {
        this.zone = zone;
        this.now = now;
    }

    List<String> isakmp(List<IsakmpSaStatus> sas, boolean longForm) {
        List<String> lines = new ArrayList<>();
        String columns = String.format("%-33s %-11s %-19s %8s", "Cookies", "State", "Created", "Age");
        lines.add(longForm ? String.format("%-45s %-45s %s %s %s", "Source", "Destination", columns, "S", "Phase2")
                : String.format("%-22s %s", "Destination", columns));
        for (IsakmpSaStatus sa : sas) {
            String row = String.format("%-33s %-11s %-19s %8s", sa.cookies(), sa.state(),
                    CREATED.format(sa.created().atZone(zone)), age(Duration.between(sa.created(), now)));
            lines.add(longForm ? String.format("%-45s %-45s %s %s %6d", endpoint(sa.local()), endpoint(sa.remote()),
                    row, sa.role() == Role.INITIATOR ? "I" : "R", sa.ipsecPairs())
                    : String.format("%-22s %s", endpoint(sa.remote()), row));
        }
        return lines;
    }

    List<String> ipsec(List<IpsecSa> pairs) {
        List<String> lines = new ArrayList<>();
        if (pairs.isEmpty()) {
            lines.add("No IPsec SAs.");
            return lines;
        }
        lines.add(String.format("%-39s %-39s %-5s %-9s %-10s %-10s %s", "Source", "Destination", "Proto", "Mode",
                "SPI", "Lifetime", "Traffic (ours theirs protocol)"));
        for (IpsecSa pair : pairs) {
            lines.add(ipsecRow(pair.local(), pair.remote(), pair.outboundSpi(), pair));
            lines.add(ipsecRow(pair.remote(), pair.local(), pair.inboundSpi(), pair));
        }
        return lines;
    }

    private static String ipsecRow(InetAddress source, InetAddress destination, int spi, IpsecSa pair) {
        return String.format("%-39s %-39s %-5s %-9s 0x%08x %-10s %s", source.getHostAddress(),
                destination.getHostAddress(), pair.protocol().name().toLowerCase(Locale.ROOT),
                pair.mode().name().toLowerCase(Locale.ROOT), spi, pair.lifetimeSeconds() + "s", pair.selector());
    }

    /** racoonctl's {@code address.port}. */
    private static String endpoint(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + "." + address.getPort();
    }

    /** 42s, 5m07s, 3h02m, 2d04h: short and still exact enough to spot a stuck negotiation. */
    static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        if (s < 86400) {
            return String.format("%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return String.format("%dd%02dh", s / 86400, s % 86400 / 3600);
    }
}
