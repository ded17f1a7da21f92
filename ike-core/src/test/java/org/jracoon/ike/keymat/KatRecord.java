package org.jracoon.ike.keymat;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.util.encoders.Hex;

/**
 * The shared IKEv1 known-answer record {@code vectors/kat-psk-3des-modp1024.json} (strongSwan
 * 5.9.8 against itself, Main Mode PSK 3DES/SHA1/MODP-1024 and Quick Mode with PFS MODP-768);
 * field meanings are in {@code vectors/README.md}.
 */
public final class KatRecord {

    private final JsonObject root;

    private KatRecord(JsonObject root) {
        this.root = root;
    }

    public static KatRecord load() throws IOException {
        String shared = System.getProperty("jracoon.shared");
        assertNotNull(shared, "system property jracoon.shared (set by the pom) points at the shared material");
        Path file = Path.of(shared, "vectors", "kat-psk-3des-modp1024.json");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new KatRecord(JsonParser.parseReader(reader).getAsJsonObject());
        }
    }

    /** A top-level hex field, e.g. {@code skeyid}. */
    public byte[] hex(String field) {
        return Hex.decode(root.get(field).getAsString());
    }

    /** A hex field of a top-level object, e.g. {@code K1} of {@code ka_expansion}. */
    public byte[] hexIn(String object, String field) {
        return Hex.decode(root.getAsJsonObject(object).get(field).getAsString());
    }

    /** A hex field of the {@code quick_mode} object. */
    public byte[] quickMode(String field) {
        return Hex.decode(root.getAsJsonObject("quick_mode").get(field).getAsString());
    }

    public int quickModeInt(String field) {
        return root.getAsJsonObject("quick_mode").get(field).getAsInt();
    }

    /** Recorded packet {@code n} (1 = MM1 ... 9 = QM3): the ISAKMP message as the UDP payload carried it. */
    public byte[] packet(int n) {
        JsonObject packet = root.getAsJsonArray("packets").get(n - 1).getAsJsonObject();
        return Hex.decode(packet.get("isakmp_hex").getAsString());
    }
}
