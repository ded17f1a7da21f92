package org.jracoon.ike.message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared test material (system property {@code jracoon.shared}): the known-answer record of
 * a strongSwan exchange and the captures of the strongSwan peer.
 */
final class SharedFiles {

    private static final Pattern HEX_FIELD = Pattern.compile("\"([a-z0-9_]+)\"\\s*:\\s*\"([0-9a-f]*)\"");

    private SharedFiles() {
    }

    static Path root() {
        String shared = System.getProperty("jracoon.shared");
        if (shared == null) {
            throw new IllegalStateException("system property jracoon.shared is not set (run through Maven)");
        }
        return Path.of(shared);
    }

    static String katJson() throws Exception {
        return Files.readString(root().resolve("vectors/kat-psk-3des-modp1024.json"));
    }

    /** The first hex string value named {@code key} in the record (top-level keys come first). */
    static byte[] katHex(String key) throws Exception {
        Matcher m = HEX_FIELD.matcher(katJson());
        while (m.find()) {
            if (m.group(1).equals(key)) {
                return HexFormat.of().parseHex(m.group(2));
            }
        }
        throw new IllegalStateException("no hex field " + key + " in the KAT record");
    }

    /** The record's 9 packets (UDP payloads) in exchange order. */
    static List<byte[]> katPackets() throws Exception {
        List<byte[]> packets = new ArrayList<>();
        Matcher m = HEX_FIELD.matcher(katJson());
        while (m.find()) {
            if (m.group(1).equals("isakmp_hex")) {
                packets.add(HexFormat.of().parseHex(m.group(2)));
            }
        }
        return packets;
    }

    /** Every capture of the strongSwan peer directory, sorted by name. */
    static List<Path> strongswanCaptures() throws Exception {
        try (var files = Files.list(root().resolve("peers/strongswan/captures"))) {
            return files.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
        }
    }
}
