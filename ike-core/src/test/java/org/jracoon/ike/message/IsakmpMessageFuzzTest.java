package org.jracoon.ike.message;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.junit.jupiter.api.Tag;

/**
 * Arbitrary datagrams through the ISAKMP decoder, both as a plain message and, after the header,
 * as a decrypted body (where trailing octets are padding): a message or one
 * IsakmpProtocolException, nothing else. Seeds (IsakmpMessageFuzzTestInputs): the samples of
 * {@link Corpus}, i.e. the KAT packets, the strongSwan captures and the built messages.
 */
@Tag("fuzz")
class IsakmpMessageFuzzTest {

    @FuzzTest
    void datagram(byte[] datagram) {
        try {
            IsakmpMessage.decode(datagram);
        } catch (IsakmpProtocolException e) {
            checkRefusal(e);
        }
        try {
            IsakmpHeader header = IsakmpMessage.decodeHeader(datagram);
            IsakmpMessage.decodeBody(header, datagram, IsakmpHeader.LENGTH, datagram.length - IsakmpHeader.LENGTH);
        } catch (IsakmpProtocolException e) {
            checkRefusal(e);
        }
    }

    /** A refusal carries an ISAKMP NOTIFY error type (RFC 2408 3.14.1: 1..8191) the engine can answer with. */
    private static void checkRefusal(IsakmpProtocolException e) {
        if (e.notifyType() < 1 || e.notifyType() > 8191) {
            throw new AssertionError("refusal with NOTIFY type " + e.notifyType() + ": " + e.getMessage());
        }
    }
}
