package org.jracoon.ike.message;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jracoon.ike.payload.IsakmpHeader;

/**
 * Every recorded message the tests have: the 9 packets of the KAT record, every ISAKMP datagram
 * of the strongSwan captures, and the KAT's decrypted bodies re-wrapped as plain messages (so
 * their inner structure can be damaged and checked too), and the messages of {@link BuiltMessages},
 * which carry the payloads the recordings lack (DELETE, CERT, NAT-OA, variable attributes).
 */
final class Corpus {

    record Sample(String name, byte[] bytes) {
    }

    private Corpus() {
    }

    static List<Sample> all() throws Exception {
        List<Sample> samples = new ArrayList<>();
        List<byte[]> kat = SharedFiles.katPackets();
        for (int i = 0; i < kat.size(); i++) {
            samples.add(new Sample("kat packet " + (i + 1), kat.get(i)));
        }
        for (Path capture : SharedFiles.strongswanCaptures()) {
            for (Pcap.Datagram d : Pcap.readIsakmp(capture)) {
                samples.add(new Sample(capture.getFileName() + " frame " + d.frame(), d.isakmp()));
            }
        }
        String[] plaintexts = {"mm5_plaintext_with_padding", "mm6_plaintext_with_padding", "qm1_plaintext",
            "qm2_plaintext", "qm3_plaintext"};
        for (int i = 0; i < plaintexts.length; i++) {
            samples.add(new Sample(plaintexts[i] + " as a plain message", unencrypted(kat.get(4 + i),
                    SharedFiles.katHex(plaintexts[i]))));
        }
        for (IsakmpMessage built : BuiltMessages.all()) {
            samples.add(new Sample("built " + built, built.encode()));
        }
        return samples;
    }

    /** The message of an encrypted datagram, given its plaintext, re-encoded without the E flag. */
    static byte[] unencrypted(byte[] datagram, byte[] plaintext) throws Exception {
        IsakmpHeader header = IsakmpMessage.decodeHeader(datagram);
        IsakmpMessage message = IsakmpMessage.decodeBody(header, plaintext);
        return new IsakmpMessage(header.withFlags(header.flags() & ~IsakmpHeader.FLAG_ENCRYPTION), message.payloads())
                .encode();
    }
}
